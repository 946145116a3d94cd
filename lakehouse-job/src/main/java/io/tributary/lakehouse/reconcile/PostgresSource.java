package io.tributary.lakehouse.reconcile;

import static io.tributary.configuration.SettingDefinition.define;

import io.tributary.configuration.Check;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.SettingSource;
import io.tributary.configuration.SettingValues;
import io.tributary.configuration.ValueType;
import java.util.List;
import java.util.Map;

/**
 * Where reconcile reads PostgreSQL: the CDC role (read-only on the captured schema, may read the slot) from the
 * variables of docs/DEVELOPING.md. The password is never logged.
 */
public record PostgresSource(String host, int port, String database, String user, String password, String slot) {

    private static final SettingDefinition<String> HOST = define("TRIBUTARY_PG_HOST", ValueType.text())
            .defaultValue("127.0.0.1").doc("PostgreSQL host.").build();
    private static final SettingDefinition<Integer> PORT = define("TRIBUTARY_PG_PORT", ValueType.integer())
            .defaultValue("15432").check(Check.between(1, 65_535)).doc("PostgreSQL port.").build();
    private static final SettingDefinition<String> DATABASE = define("TRIBUTARY_PG_DATABASE", ValueType.text())
            .defaultValue("tributary").doc("Database.").build();
    private static final SettingDefinition<String> USER = define("TRIBUTARY_CDC_USER", ValueType.text())
            .defaultValue("tributary_cdc").doc("The CDC role.").build();
    private static final SettingDefinition<String> PASSWORD = define("TRIBUTARY_CDC_PASSWORD", ValueType.text())
            .secret("password").doc("reconcile reads PostgreSQL as the CDC role; `eval \"$(./tributary env)\"` sets it"
                    + " for the local stack").build();
    private static final SettingDefinition<String> SLOT = define("TRIBUTARY_CDC_SLOT", ValueType.text())
            .defaultValue("tributary_slot").doc("The CDC engine's replication slot.").build();
    private static final SettingCatalog CATALOG = SettingCatalog.borrowed(List.of(HOST, PORT, DATABASE, USER, PASSWORD, SLOT));

    public static PostgresSource fromEnvironment(Map<String, String> env) {
        SettingValues v = CATALOG.parse(List.of(SettingSource.environment(env)));
        v.throwIfInvalid();
        return new PostgresSource(v.get(HOST), v.get(PORT), v.get(DATABASE), v.get(USER), v.get(PASSWORD), v.get(SLOT));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?ApplicationName=tributary-reconcile";
    }

    @Override
    public String toString() {
        return "PostgresSource[" + user + "@" + host + ":" + port + "/" + database + ", slot " + slot + "]";
    }
}
