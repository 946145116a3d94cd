package io.tributary.contracts.types;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The type matrix (issue 20): one table in the captured schema with a column of every common PostgreSQL type and rows
 * of their edge values, created by {@code tributary demo --type-matrix} and by the tests, in one place. Each column
 * carries, per row, the SQL literal inserted and the value expected in silver in reconcile's canonical rendering
 * ({@code ValueNormalizer} of lakehouse-job), {@code null} for SQL NULL. docs/lakehouse-job.md has the type table.
 *
 * <p>Every value here lands in silver unchanged (in reconcile's rendering). Values the lake cannot hold are left out on
 * purpose and documented with their outcome in docs/lakehouse-job.md: {@code numeric} NaN/Infinity (Debezium's
 * {@code precise} mode sends NULL and logs a warning), {@code timestamptz} {@code infinity} (quarantined, the column
 * named), and the generated column's value in streamed changes (logical replication does not publish generated
 * columns; only the initial snapshot reads them, and reconcile leaves them out). The demo inserts these rows before
 * cdc-engine starts (its snapshot reads them); DemoIT creates the table while the pipeline streams.
 */
public final class TypeMatrix {
    public static final String SCHEMA = "shop";
    public static final String TABLE = "type_matrix";

    /** One column: its name, its SQL type, and per row the literal inserted and the canonical value expected. */
    public record Column(String name, String sqlType, List<String> literals, List<String> expected) {
    }

    private static final List<Column> COLUMNS = List.of(
            column("c_smallint", "smallint",
                    "-32768", "-32768", "32767", "32767", "0", "0", null, null),
            column("c_integer", "integer",
                    "-2147483648", "-2147483648", "2147483647", "2147483647", "7", "7", null, null),
            column("c_bigint", "bigint",
                    "-9223372036854775808", "-9223372036854775808", "9223372036854775807", "9223372036854775807",
                    "0", "0", null, null),
            column("c_numeric_12_4", "numeric(12,4)",
                    "-99999999.9999", "-99999999.9999", "12.5000", "12.5", "0.0001", "0.0001", null, null),
            column("c_numeric_50_20", "numeric(50,20)",
                    "123456789012345678901234567890.12345678901234567890",
                    "123456789012345678901234567890.1234567890123456789",
                    "-0.00000000000000000001", "-0.00000000000000000001", "0", "0", null, null),
            column("c_numeric", "numeric",
                    "'3.14159265358979323846264338327950288419716939937510'",
                    "3.1415926535897932384626433832795028841971693993751", "1234567890123456789012345678901234567890.0123456789",
                    "1234567890123456789012345678901234567890.0123456789", "-1.5e-30", "-0.0000000000000000000000000000015",
                    null, null),
            column("c_real", "real",
                    "'NaN'", "NaN", "'Infinity'", "Infinity", "'-Infinity'", "-Infinity", "1.5", "1.5"),
            column("c_double", "double precision",
                    "'Infinity'", "Infinity", "'-Infinity'", "-Infinity", "'NaN'", "NaN", "0.1", "0.1"),
            column("c_boolean", "boolean",
                    "true", "true", "false", "false", null, null, "true", "true"),
            column("c_char", "char(5)",
                    "'ab'", "ab   ", "'ü€𝄞'", "ü€𝄞  ", "''", "     ", null, null),
            column("c_varchar", "varchar(20)",
                    "'Grüße, 世界'", "Grüße, 世界", "''", "", null, null, "'a''quote\"'", "a'quote\""),
            column("c_text", "text",
                    "''", "", "'emoji 😀 and tab\t'", "emoji 😀 and tab\t", null, null, "'null'", "null"),
            column("c_bytea", "bytea",
                    "'\\x00ff10'", "00ff10", "''", "", null, null, "'\\xdeadbeef'", "deadbeef"),
            column("c_date", "date",
                    "'0001-01-01'", "0001-01-01", "'9999-12-31'", "9999-12-31", "'1970-01-01'", "1970-01-01", null, null),
            column("c_time", "time",
                    "'00:00:00'", "0", "'23:59:59.999999'", "86399999999", "'12:30:00.5'", "45000500000",
                    null, null),
            column("c_timetz", "timetz",
                    "'10:15:30+02'", "08:15:30Z", "'23:59:59.999999-12'", "11:59:59.999999Z", null, null,
                    "'00:00:00+00'", "00:00:00Z"),
            column("c_timestamp", "timestamp",
                    "'0001-01-01 00:00:00'", "0001-01-01T00:00", "'9999-12-31 23:59:59.999999'",
                    "9999-12-31T23:59:59.999999", "'2024-02-29 12:00:00.123456'", "2024-02-29T12:00:00.123456",
                    null, null),
            column("c_timestamptz", "timestamptz",
                    "'9999-12-31 23:59:59.999999+00'", "9999-12-31T23:59:59.999999Z", "'1969-12-31 23:59:59.999999-01'",
                    "1970-01-01T00:59:59.999999Z", "'2024-03-01 10:15:30.123456+02'",
                    "2024-03-01T08:15:30.123456Z", "'0001-01-01 00:00:00+00'", "0001-01-01T00:00:00Z"),
            column("c_interval", "interval",
                    "'1 year 2 months 3 days 04:05:06.789'", "P1Y2M3DT4H5M6.789S", "'-1 days'", "P0Y0M-1DT0H0M0S",
                    "'0'", "P0Y0M0DT0H0M0S", null, null),
            column("c_uuid", "uuid",
                    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", null, null,
                    "'00000000-0000-0000-0000-000000000000'", "00000000-0000-0000-0000-000000000000", null, null),
            column("c_json", "json",
                    "'{\"b\": 1,  \"a\": [true, null]}'", "{\"b\": 1,  \"a\": [true, null]}", "'\"ü\"'", "\"ü\"",
                    "'null'", "null", null, null),
            column("c_jsonb", "jsonb",
                    "'{\"b\": 1,  \"a\": [true, null]}'", "{\"a\": [true, null], \"b\": 1}", "'123.450'", "123.450",
                    "'{}'", "{}", null, null),
            column("c_inet", "inet",
                    "'192.168.0.1/24'", "192.168.0.1/24", "'::1'", "::1", null, null, "'10.0.0.1'", "10.0.0.1"),
            column("c_cidr", "cidr",
                    "'10.0.0.0/8'", "10.0.0.0/8", "'2001:db8::/32'", "2001:db8::/32", null, null,
                    "'192.168.1.0/24'", "192.168.1.0/24"),
            column("c_macaddr", "macaddr",
                    "'08:00:2b:01:02:03'", "08:00:2b:01:02:03", "'FF-FF-FF-FF-FF-FF'", "ff:ff:ff:ff:ff:ff", null, null,
                    "'00:00:00:00:00:00'", "00:00:00:00:00:00"),
            column("c_money", "money",
                    "'92233720368547758.07'", "92233720368547758.07", "'-1.50'", "-1.5", "'0'", "0", null, null),
            column("c_enum", "shop.type_matrix_mood",
                    "'happy'", "happy", "'sad'", "sad", "'ok'", "ok", null, null),
            column("c_int_array", "integer[]",
                    "'{1,2,3}'", "[1,2,3]", "'{}'", "[]", "'{NULL,-2147483648}'", "[null,-2147483648]", null, null),
            column("c_text_array", "text[]",
                    "'{\"a,b\",\"\",\"ü\"}'", "[\"a,b\",\"\",\"ü\"]", "'{}'", "[]", "ARRAY[NULL, 'x']::text[]",
                    "[null,\"x\"]", null, null),
            column("c_domain", "shop.type_matrix_positive",
                    "1", "1", "2147483647", "2147483647", null, null, "42", "42"));

    private TypeMatrix() {
    }

    /** A column from its name, type and (literal, expected) pairs for rows 1 to 4. */
    private static Column column(String name, String sqlType, String... literalAndExpected) {
        List<String> literals = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < literalAndExpected.length; i += 2) {
            literals.add(literalAndExpected[i]);
            expected.add(literalAndExpected[i + 1]);
        }
        return new Column(name, sqlType, Collections.unmodifiableList(literals),
                Collections.unmodifiableList(expected));
    }

    /** The columns of every type, without the key and the two derived columns. */
    public static List<Column> columns() {
        return COLUMNS;
    }

    /** The ids of the rows inserted before capture starts. */
    public static List<Integer> ids() {
        return List.of(1, 2, 3, 4);
    }

    /** The types and the table, for the table's owner (the application role), in one transaction. */
    public static List<String> createStatements() {
        StringBuilder table = new StringBuilder("CREATE TABLE " + qualified() + " (\n  id integer PRIMARY KEY");
        for (Column c : COLUMNS) {
            table.append(",\n  ").append(c.name()).append(' ').append(c.sqlType());
        }
        table.append(",\n  c_generated bigint GENERATED ALWAYS AS (c_integer::bigint * 2) STORED");
        table.append(",\n  c_default text NOT NULL DEFAULT 'fallback'\n)");
        return List.of(
                "CREATE TYPE " + SCHEMA + ".type_matrix_mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN " + SCHEMA + ".type_matrix_positive AS integer CHECK (VALUE > 0)",
                table.toString());
    }

    /**
     * Creates the types, the table and its rows (ids shifted by {@code idOffset}) in one transaction, on a connection
     * of the table's owner; the connection's auto-commit is restored.
     */
    public static void create(Connection connection, int idOffset) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : createStatements()) {
                statement.execute(sql);
            }
            for (String sql : insertStatements(idOffset)) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** INSERT statements of the rows, each id shifted by {@code idOffset}. */
    public static List<String> insertStatements(int idOffset) {
        List<String> inserts = new ArrayList<>();
        for (int row = 0; row < ids().size(); row++) {
            StringBuilder names = new StringBuilder("id");
            StringBuilder values = new StringBuilder(Integer.toString(ids().get(row) + idOffset));
            for (Column c : COLUMNS) {
                names.append(", ").append(c.name());
                String literal = c.literals().get(row);
                values.append(", ").append(literal == null ? "NULL" : "(" + literal + ")::" + c.sqlType());
            }
            inserts.add("INSERT INTO " + qualified() + " (" + names + ") VALUES (" + values + ")");
        }
        return inserts;
    }

    /** Per id (shifted by {@code idOffset}), column -> expected canonical value, the derived columns included. */
    public static Map<Integer, Map<String, String>> expectedRows(int idOffset) {
        Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
        for (int row = 0; row < ids().size(); row++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Column c : COLUMNS) {
                values.put(c.name(), c.expected().get(row));
            }
            String integer = COLUMNS.get(1).expected().get(row);
            values.put("c_generated", integer == null ? null : Long.toString(2 * Long.parseLong(integer)));
            values.put("c_default", "fallback");
            rows.put(ids().get(row) + idOffset, values);
        }
        return rows;
    }

    /** {@code shop.type_matrix}. */
    public static String qualified() {
        return SCHEMA + "." + TABLE;
    }
}
