package io.tributary.platform.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The journey of a key's latest change: its hops in order, where it is stuck (null when silver holds it), and the
 * row's values in PostgreSQL and silver with the columns on which they differ.
 *
 * @param differingColumns null when the values were not compared (the row or the change is not in both places)
 */
public record Trace(String table, ChangeEvent event, List<Hop> hops, String stuck, JsonNode postgresValues,
                   JsonNode silverValues, List<String> differingColumns) {
}
