package io.tributary.simulator.run;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One business event, fully decided (ids, values) before it runs, so that a retry after a
 * retriable error repeats exactly the same event. {@link #execute} runs inside a transaction the
 * caller commits or rolls back.
 */
interface ShopAction {

    ChangeKind kind();

    void execute(Connection c, ShopTables t, Effects effects) throws SQLException;
}
