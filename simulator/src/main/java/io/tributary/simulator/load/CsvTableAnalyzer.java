package io.tributary.simulator.load;

import io.tributary.simulator.csv.CsvInputException;
import io.tributary.simulator.csv.CsvRecord;
import io.tributary.simulator.csv.CsvTableReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First pass over a CSV file: validates the file name and the header, infers every column's type and
 * finds the primary key. Touches no database, so every problem found here leaves nothing behind.
 */
public final class CsvTableAnalyzer {

    /** Names every PostgreSQL table already has. */
    private static final Set<String> SYSTEM_COLUMNS = Set.of("ctid", "xmin", "xmax", "cmin", "cmax", "tableoid");

    /** PostgreSQL's limit of columns per table. */
    static final int MAX_COLUMNS = 1600;

    private final LoadOptions options;

    public CsvTableAnalyzer(LoadOptions options) {
        this.options = options;
    }

    public TableSpec analyze(Path file) throws IOException {
        Identifier table = tableName(file);
        try (CsvTableReader reader = CsvTableReader.open(file)) {
            return analyze(table, reader);
        }
    }

    /** Analyses {@code text} as the content of {@code file} (tests). */
    public TableSpec analyze(Path file, Reader text) throws IOException {
        Identifier table = tableName(file);
        try (CsvTableReader reader = CsvTableReader.of(file, text)) {
            return analyze(table, reader);
        }
    }

    static Identifier tableName(Path file) {
        String base = TableNames.baseName(file);
        return Identifier.parse(base).orElseThrow(() -> new CsvInputException(file, 0, null,
                "the file name gives the table name '" + base + "', which is not a valid identifier; "
                        + Identifier.RULE + ". Rename the file."));
    }

    private TableSpec analyze(Identifier table, CsvTableReader reader) throws IOException {
        Path file = reader.file();
        List<Identifier> names = columnNames(file, reader.header());
        Map<String, SqlType> typeOverrides = options.types().getOrDefault(table.name(), Map.of());
        for (String column : typeOverrides.keySet()) {
            if (names.stream().noneMatch(n -> n.name().equals(column))) {
                throw new CsvInputException(file, 1, null, "--types names column '" + table + "." + column
                        + "', but the header has no such column (columns: " + join(names) + ")");
            }
        }
        String pkOverride = options.primaryKeys().get(table.name());
        List<String> candidates = pkOverride != null ? List.of(pkOverride)
                : TableNames.primaryKeyCandidates(table.name());
        if (pkOverride != null && names.stream().noneMatch(n -> n.name().equals(pkOverride))) {
            throw new CsvInputException(file, 1, null, "--primary-key " + table + "=" + pkOverride
                    + " names a column that is not in the header (columns: " + join(names) + ")");
        }

        int width = names.size();
        TypeInference[] inference = new TypeInference[width];
        for (int i = 0; i < width; i++) {
            inference[i] = new TypeInference();
        }
        List<KeyCandidate> keys = new ArrayList<>();
        for (String candidate : candidates) {
            for (int i = 0; i < width; i++) {
                if (names.get(i).name().equals(candidate)) {
                    keys.add(new KeyCandidate(i, candidate));
                }
            }
        }

        long records = 0;
        CsvRecord record;
        while ((options.inferRows() == 0 || records < options.inferRows()) && (record = reader.next()) != null) {
            records++;
            for (int i = 0; i < width; i++) {
                inference[i].observe(record.get(i));
            }
            for (KeyCandidate key : keys) {
                key.observe(record);
            }
        }
        if (records == 0) {
            throw new CsvInputException(file, 2, null, "the file has a header but no records;"
                    + " a table needs at least one record to infer its column types");
        }

        List<ColumnSpec> columns = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            SqlType explicit = typeOverrides.get(names.get(i).name());
            columns.add(explicit != null ? new ColumnSpec(names.get(i), explicit, true)
                    : new ColumnSpec(names.get(i), inference[i].result(), false));
        }
        int pk = choosePrimaryKey(file, table, keys, candidates, pkOverride != null);
        return new TableSpec(file, table, columns, pk, records, options.inferRows() == 0 ? 0 : records);
    }

    private static List<Identifier> columnNames(Path file, List<String> header) {
        if (header.size() > MAX_COLUMNS) {
            throw new CsvInputException(file, 1, null, "the header has " + header.size() + " columns; PostgreSQL"
                    + " tables have at most " + MAX_COLUMNS + ". Split the file");
        }
        List<Identifier> names = new ArrayList<>(header.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String raw = header.get(i);
            int column = i + 1;
            Identifier name = Identifier.parse(raw).orElseThrow(() -> new CsvInputException(file, 1,
                    String.valueOf(column), "header '" + ValueValidator.abbreviate(raw)
                    + "' is not a valid column name; " + Identifier.RULE));
            if (SYSTEM_COLUMNS.contains(name.name())) {
                throw new CsvInputException(file, 1, column + " (" + raw + ")", "'" + name + "' is the name of a"
                        + " PostgreSQL system column and cannot be a column of a table; rename it");
            }
            Integer previous = seen.putIfAbsent(name.name(), column);
            if (previous != null) {
                throw new CsvInputException(file, 1, column + " (" + raw + ")", "duplicate column name '"
                        + name + "', already used by column " + previous + "; rename one of them");
            }
            names.add(name);
        }
        return names;
    }

    private static int choosePrimaryKey(Path file, Identifier table, List<KeyCandidate> keys,
                                        List<String> candidates, boolean explicit) {
        List<String> reasons = new ArrayList<>();
        for (KeyCandidate key : keys) {
            if (key.problem == null) {
                return key.index;
            }
            reasons.add(key.name + " " + key.problem);
        }
        String why = reasons.isEmpty() ? "the header has none of the columns " + String.join(", ", candidates)
                : String.join("; ", reasons);
        if (explicit) {
            throw new CsvInputException(file, 0, null, "--primary-key " + table + "=" + candidates.get(0)
                    + " cannot be the primary key: " + why);
        }
        throw new CsvInputException(file, 0, null, "no primary key found for table " + table + ": " + why
                + ". Name a unique, never empty column with --primary-key " + table + "=<column>");
    }

    private static String join(List<Identifier> names) {
        return String.join(", ", names.stream().map(Identifier::name).toList());
    }

    /** Tracks whether a column is unique and never empty. */
    private static final class KeyCandidate {
        final int index;
        final String name;
        final Set<String> values = new HashSet<>();
        String problem;

        KeyCandidate(int index, String name) {
            this.index = index;
            this.name = name;
        }

        void observe(CsvRecord record) {
            if (problem != null) {
                return;
            }
            String v = record.get(index);
            if (v == null) {
                problem = "is empty at line " + record.line();
                values.clear();
            } else if (!values.add(v)) {
                problem = "has the duplicate value '" + ValueValidator.abbreviate(v) + "' at line " + record.line();
                values.clear();
            }
        }
    }
}
