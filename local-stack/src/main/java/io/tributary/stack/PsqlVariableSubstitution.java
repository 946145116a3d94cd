package io.tributary.stack;

import java.util.Map;

/**
 * Interpolates psql variables in a SQL script the way {@code psql -v name=value} does, so init-db/*.sql runs through
 * JDBC exactly as through psql: {@code :'name'} becomes a quoted literal, {@code :"name"} a quoted identifier and
 * {@code :name} the raw value. Nothing is replaced inside string literals, quoted identifiers, dollar-quoted bodies or
 * comments, and {@code ::} casts are left alone. A quoted reference to an unknown variable is an error naming the
 * file and line (psql would send it verbatim and fail later with a syntax error).
 */
public final class PsqlVariableSubstitution {
    private final Map<String, String> variables;

    public PsqlVariableSubstitution(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** @param source name used in error messages (the file) */
    public String apply(String sql, String source) {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int i = 0;
        int line = 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
                out.append(c);
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = blockCommentEnd(sql, i);
                line += count(sql, i, end, '\n');
                out.append(sql, i, end);
                i = end;
            } else if (c == '\'' || c == '"') {
                int end = quotedEnd(sql, i, c);
                line += count(sql, i, end, '\n');
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && !(i > 0 && isNamePart(sql.charAt(i - 1)))) {
                int end = dollarQuotedEnd(sql, i);
                line += count(sql, i, end, '\n');
                out.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && (sql.charAt(i + 1) == '\'' || sql.charAt(i + 1) == '"')) {
                char quote = sql.charAt(i + 1);
                int close = sql.indexOf(quote, i + 2);
                String name = close < 0 ? "" : sql.substring(i + 2, close);
                if (close < 0 || !isName(name)) {
                    out.append(c);
                    i++;
                    continue;
                }
                String value = variables.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(source + ":" + line + ": psql variable '" + name
                            + "' is not set; known variables: " + variables.keySet().stream().sorted().toList());
                }
                out.append(quote == '\'' ? literal(value, source, line) : identifier(value, source, line));
                i = close + 1;
            } else if (c == ':' && i + 1 < n && isNameStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && isNamePart(sql.charAt(end))) {
                    end++;
                }
                String name = sql.substring(i + 1, end);
                String value = variables.get(name);
                out.append(value != null ? value : sql.substring(i, end));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A string literal for {@code value}: {@code 'it''s'}, or {@code E'a\\b'} when it holds a backslash. */
    static String literal(String value, String source, int line) {
        rejectNul(value, source, line);
        String doubled = value.replace("'", "''");
        if (value.indexOf('\\') >= 0) {
            return "E'" + doubled.replace("\\", "\\\\") + "'";
        }
        return "'" + doubled + "'";
    }

    static String identifier(String value, String source, int line) {
        rejectNul(value, source, line);
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void rejectNul(String value, String source, int line) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(source + ":" + line + ": a psql variable value contains a NUL character");
        }
    }

    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** End (exclusive) of a quoted token; a doubled quote is an escaped quote. */
    private static int quotedEnd(String sql, int start, char quote) {
        int i = start + 1;
        boolean backslashEscapes = quote == '\'' && start > 0 && (sql.charAt(start - 1) == 'E' || sql.charAt(start - 1) == 'e');
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** End (exclusive) of {@code $tag$...$tag$}; a lone {@code $} (e.g. a parameter {@code $1}) is one character. */
    private static int dollarQuotedEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && isNamePart(sql.charAt(i)) && !(i == start + 1 && Character.isDigit(sql.charAt(i)))) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    private static int count(String s, int from, int to, char c) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        return s.chars().allMatch(ch -> isNamePart((char) ch));
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
