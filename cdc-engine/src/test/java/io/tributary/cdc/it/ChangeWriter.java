package io.tributary.cdc.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JDBC writer for the kill test: small transactions of inserts, updates and deletes on a fixed key set, each
 * change carrying a unique, increasing {@code version}. Only changes whose transaction committed are recorded.
 */
final class ChangeWriter implements Runnable {
    /** One committed change: key, op (c, u, d) and the version of the row image (before image for d). */
    record Committed(int id, String op, long version) {
    }

    private final Connection connection;
    private final String table;
    private final int keys;
    private final Random random = new Random(42);
    private final Set<Integer> present = new HashSet<>();
    private final List<Committed> committed = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final java.util.Map<Integer, Long> versions = new java.util.HashMap<>();
    private long nextVersion = 1;

    ChangeWriter(Connection connection, String table, int keys) throws SQLException {
        this.connection = connection;
        this.table = table;
        this.keys = keys;
        connection.setAutoCommit(false);
    }

    @Override
    public void run() {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (id, version, payload) VALUES (?, ?, ?)");
             PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET version = ?, payload = ? WHERE id = ?");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            while (running.get()) {
                List<Committed> txn = new ArrayList<>();
                Set<Integer> txnPresent = new HashSet<>(present);
                java.util.Map<Integer, Long> txnVersions = new java.util.HashMap<>(versions);
                int ops = 1 + random.nextInt(3);
                for (int i = 0; i < ops; i++) {
                    int id = random.nextInt(keys);
                    long version = nextVersion++;
                    if (!txnPresent.contains(id)) {
                        insert.setInt(1, id);
                        insert.setLong(2, version);
                        insert.setString(3, "v" + version);
                        insert.executeUpdate();
                        txnPresent.add(id);
                        txn.add(new Committed(id, "c", version));
                        txnVersions.put(id, version);
                    } else if (random.nextInt(5) > 0) {
                        update.setLong(1, version);
                        update.setString(2, "v" + version);
                        update.setInt(3, id);
                        update.executeUpdate();
                        txn.add(new Committed(id, "u", version));
                        txnVersions.put(id, version);
                    } else {
                        delete.setInt(1, id);
                        delete.executeUpdate();
                        txnPresent.remove(id);
                        txn.add(new Committed(id, "d", txnVersions.remove(id)));
                    }
                }
                connection.commit();
                present.clear();
                present.addAll(txnPresent);
                versions.clear();
                versions.putAll(txnVersions);
                committed.addAll(txn);
                Thread.sleep(4);
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    void stop() {
        running.set(false);
    }

    List<Committed> committed() {
        if (failure.get() != null) {
            throw new IllegalStateException("the writer failed", failure.get());
        }
        return List.copyOf(committed);
    }
}
