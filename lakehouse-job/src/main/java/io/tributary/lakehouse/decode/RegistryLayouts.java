package io.tributary.lakehouse.decode;

import io.tributary.serde.RegistryRequestException;
import io.tributary.serde.SchemaRegistryClient;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A table's {@link TableLayout} for a batch, from the registry's writer schemas of the ids its records carry. */
public final class RegistryLayouts {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryLayouts.class);

    private RegistryLayouts() {
    }

    /** The layout of a table from the schema ids of this batch; records of unknown ids are poison. */
    public static TableLayout layoutOf(URI registryUrl, String table, Set<Long> keyIds, Set<Long> valueIds) {
        SchemaRegistryClient registry = RegistryClients.forUrl(registryUrl);
        Map<Integer, Schema> values = fetch(registry, valueIds);
        Map<Integer, Schema> keys = fetch(registry, keyIds);
        return TableLayouts.derive(table, values, keys).orElseGet(() -> {
            LOG.warn("table {}: no Debezium envelope schema among ids {}; its records go to the quarantine", table,
                    valueIds);
            return new TableLayout(table, new StructType(), new StructType(), new StructType(), null, null);
        });
    }

    private static Map<Integer, Schema> fetch(SchemaRegistryClient registry, Set<Long> ids) {
        Map<Integer, Schema> schemas = new HashMap<>();
        for (long id : ids) {
            if (id > Integer.MAX_VALUE) {
                continue;
            }
            try {
                schemas.put((int) id, registry.getById((int) id));
            } catch (RegistryRequestException e) {
                if (e.httpStatus() != 404) {
                    throw e;
                }
                LOG.warn("schema id {} is unknown to the registry; its records go to the quarantine", id);
            }
        }
        return schemas;
    }
}
