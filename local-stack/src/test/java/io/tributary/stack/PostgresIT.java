package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack's PostgreSQL: logical decoding with pgoutput, the roles of init-db, crash and restart with data intact. */
class PostgresIT {
    private static LocalStack stack;
    private static PostgresEndpoint pg;

    @BeforeAll
    static void startStack() throws SQLException {
        stack = LocalStack.start(StackSettings.forTests(TestDirs.fresh(PostgresIT.class)), Service.POSTGRES);
        pg = stack.postgres();
        try (Connection app = app(); Statement st = app.createStatement()) {
            st.execute("CREATE TABLE shop.customer (id bigint PRIMARY KEY, name text NOT NULL)");
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Connection app() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
    }

    private static Connection cdc() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.cdcUser(), pg.cdcPassword());
    }

    @Test
    void serverRunsWithTheSettingsLogicalDecodingNeeds() throws SQLException {
        try (Connection c = cdc(); Statement st = c.createStatement()) {
            assertThat(setting(st, "wal_level")).isEqualTo("logical");
            assertThat(Integer.parseInt(setting(st, "max_replication_slots"))).isGreaterThanOrEqualTo(10);
            assertThat(Integer.parseInt(setting(st, "max_wal_senders"))).isGreaterThanOrEqualTo(10);
            assertThat(setting(st, "synchronous_commit")).isEqualTo("on");
            try (ResultSet rs = st.executeQuery("SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("C");
                assertThat(rs.getString(2)).isEqualTo("C");
            }
            assertThat(setting(st, "server_encoding")).isEqualTo("UTF8");
            assertThat(setting(st, "server_version_num")).startsWith("17");
        }
    }

    private static String setting(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void pgoutputSlotDecodesAnInsertIntoTheBusinessSchema() throws SQLException {
        try (Connection cdc = cdc(); Statement st = cdc.createStatement()) {
            st.execute("SELECT pg_create_logical_replication_slot('it_pgoutput', 'pgoutput')");
            try {
                try (Connection app = app(); Statement insert = app.createStatement()) {
                    insert.executeUpdate("INSERT INTO shop.customer (id, name) VALUES (42, 'Ada Lovelace')");
                }
                List<byte[]> messages = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT data FROM pg_logical_slot_peek_binary_changes('it_pgoutput', NULL, NULL,"
                        + " 'proto_version', '1', 'publication_names', 'tributary_pub')")) {
                    while (rs.next()) {
                        messages.add(rs.getBytes(1));
                    }
                }
                // pgoutput: Begin, Relation, Insert, Commit
                assertThat(messages).extracting(m -> (char) m[0]).containsExactly('B', 'R', 'I', 'C');
                String relation = new String(messages.get(1), StandardCharsets.UTF_8);
                assertThat(relation).contains("shop").contains("customer");
                String insert = new String(messages.get(2), StandardCharsets.UTF_8);
                assertThat(insert).contains("42").contains("Ada Lovelace");
            } finally {
                st.execute("SELECT pg_drop_replication_slot('it_pgoutput')");
            }
        }
    }

    @Test
    void cdcRoleReadsButCannotWriteBusinessTables() throws SQLException {
        try (Connection app = app(); Statement st = app.createStatement()) {
            st.executeUpdate("INSERT INTO shop.customer (id, name) VALUES (7, 'Grace Hopper') ON CONFLICT DO NOTHING");
        }
        try (Connection cdc = cdc(); Statement st = cdc.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT name FROM shop.customer WHERE id = 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Grace Hopper");
            }
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO shop.customer (id, name) VALUES (8, 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE shop.customer SET name = 'x' WHERE id = 7"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM shop.customer WHERE id = 7"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            // its own heartbeat table is the one table it writes
            assertThat(st.executeUpdate("UPDATE tributary_cdc.heartbeat SET beat_at = now() WHERE id = 1")).isEqualTo(1);
        }
        try (Connection app = app(); Statement st = app.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM shop.customer WHERE id = 7")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("Grace Hopper");
        }
    }

    @Test
    void publicationCoversTheShopSchemaAndTheHeartbeat() throws SQLException {
        try (Connection c = cdc(); PreparedStatement ps = c.prepareStatement(
                "SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = 'tributary_pub' ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).contains("shop.customer", "tributary_cdc.heartbeat");
        }
    }

    @Test
    void sigkilledPostgresRestartsWithCommittedRowsIntact() throws SQLException {
        try (Connection app = app(); Statement st = app.createStatement()) {
            st.executeUpdate("INSERT INTO shop.customer (id, name) VALUES (1001, 'before the crash')");
        }
        long before = stack.pid(Service.POSTGRES);
        stack.kill(Service.POSTGRES);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        stack.start(Service.POSTGRES);

        assertThat(stack.pid(Service.POSTGRES)).isNotEqualTo(before);
        try (Connection app = app(); Statement st = app.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM shop.customer WHERE id = 1001")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("before the crash");
        }
    }
}
