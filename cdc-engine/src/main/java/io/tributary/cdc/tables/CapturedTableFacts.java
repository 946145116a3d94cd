package io.tributary.cdc.tables;

import io.tributary.contracts.tables.TableProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL's catalog says about one captured table, as far as the pipeline depends on it.
 *
 * @param table           {@code schema.table}
 * @param replicaIdentity {@code pg_class.relreplident}: {@code d} default, {@code f} full, {@code i} index,
 *                        {@code n} nothing
 * @param hasPrimaryKey   the table has a primary key
 * @param readable        the CDC role may SELECT from it
 */
public record CapturedTableFacts(String table, char replicaIdentity, boolean hasPrimaryKey, boolean readable) {

    /** The problems these facts amount to, in the order they should be fixed. */
    public List<TableProblem> problems() {
        List<TableProblem> problems = new ArrayList<>();
        if (!readable) {
            problems.add(TableProblem.NOT_READABLE);
        }
        if (replicaIdentity == 'n') {
            problems.add(TableProblem.REPLICA_IDENTITY_NOTHING);
        }
        if (!hasPrimaryKey) {
            problems.add(TableProblem.NO_PRIMARY_KEY);
        }
        return problems;
    }
}
