package io.tributary.simulator.run;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Connection} without a database, for tests of the statements an event sends: it records each executed
 * statement with its bound values (and their Java types), and answers with canned, deterministic results shaped as
 * PostgreSQL's would be: every 7th update changes no row; an {@code INSERT ... RETURNING} returns its one row, a
 * {@code DELETE ... RETURNING} by order id 0 or 1 rows, any other query 0 to 2; each column read is a new number.
 */
final class RecordingConnection {

    private final List<String> log = new ArrayList<>();
    private int updates;
    private int queries;
    private long nextValue = 1_000;

    Connection connection() {
        return proxy(Connection.class, (method, args) -> switch (method) {
            case "prepareStatement" -> statement((String) args[0]);
            case "commit", "rollback", "close" -> null;
            case "isClosed" -> false;
            default -> throw new UnsupportedOperationException("Connection." + method);
        });
    }

    /** The statements executed so far, one line each, and forgets them. */
    List<String> drain() {
        List<String> lines = new ArrayList<>(log);
        log.clear();
        return lines;
    }

    private PreparedStatement statement(String sql) {
        Map<Integer, String> values = new TreeMap<>();
        return proxy(PreparedStatement.class, (method, args) -> {
            if (method.equals("setNull")) {
                values.put((Integer) args[0], "null:" + args[1]);
                return null;
            }
            if (method.startsWith("set") && args != null && args.length == 2 && args[0] instanceof Integer index) {
                values.put(index, args[1] + ":" + args[1].getClass().getSimpleName());
                return null;
            }
            return switch (method) {
                case "executeUpdate" -> {
                    int count = ++updates % 7 == 0 ? 0 : 1;
                    log.add("update " + sql + " " + values + " -> " + count);
                    yield count;
                }
                case "executeQuery" -> {
                    int n = queries++;
                    int rows = sql.startsWith("INSERT") ? 1 : sql.contains("WHERE order_id = ?") ? n % 2 : n % 3;
                    log.add("query " + sql + " " + values + " -> " + rows + " row(s)");
                    yield resultSet(rows);
                }
                case "close" -> null;
                default -> throw new UnsupportedOperationException("PreparedStatement." + method);
            };
        });
    }

    private ResultSet resultSet(int rows) {
        int[] left = {rows};
        return proxy(ResultSet.class, (method, args) -> switch (method) {
            case "next" -> left[0]-- > 0;
            case "getLong" -> nextValue++;
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + method);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + " without a database";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> answer.answer(method.getName(), args);
                }));
    }
}
