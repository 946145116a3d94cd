package io.tributary.simulator.db;

import static io.tributary.configuration.SettingDefinition.define;

import io.tributary.configuration.ConfigException;
import io.tributary.configuration.PostgresConnectionSettings;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.ValueType;
import io.tributary.configuration.SettingSource;
import io.tributary.configuration.SettingValues;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where and as whom to connect: the application role {@code tributary_app}, which owns schema shop.
 * Parsed once from the environment (names in docs/DEVELOPING.md) with command-line overrides;
 * the password comes only from the environment or a file, never from the command line or a log.
 */
public record PgSettings(String host, int port, String database, String user, String password) {

    public static final String HOST = "TRIBUTARY_PG_HOST";
    public static final String PORT = "TRIBUTARY_PG_PORT";
    public static final String DATABASE = "TRIBUTARY_PG_DATABASE";
    public static final String USER = "TRIBUTARY_APP_USER";
    public static final String PASSWORD = "TRIBUTARY_APP_PASSWORD";
    public static final String PASSWORD_FILE = "TRIBUTARY_APP_PASSWORD_FILE";

    private static final SettingDefinition<String> HOST_SETTING = define(HOST, ValueType.text()).defaultValue("127.0.0.1")
            .doc("PostgreSQL host.").build();
    /** Read as text and checked below: "TRIBUTARY_PG_PORT must be a number" is part of this class's contract. */
    private static final SettingDefinition<String> PORT_SETTING = define(PORT, ValueType.text()).defaultValue("15432")
            .doc("PostgreSQL port.").build();
    private static final SettingDefinition<String> DATABASE_SETTING = define(DATABASE, ValueType.text())
            .defaultValue("tributary").doc("Database.").build();
    private static final SettingDefinition<String> USER_SETTING = define(USER, ValueType.text())
            .defaultValue("tributary_app").doc("Application role (owns schema shop).").build();
    private static final SettingDefinition<String> PASSWORD_SETTING = define(PASSWORD, ValueType.text())
            .secret("password").doc("Password of the application role (or --pg-password-file).").build();
    /** The connection variables are shared with the other stages: no prefix of them is the simulator's own. */
    private static final SettingCatalog CATALOG = SettingCatalog.borrowed(
            List.of(HOST_SETTING, PORT_SETTING, DATABASE_SETTING, USER_SETTING, PASSWORD_SETTING));

    public PgSettings {
        require(host, HOST);
        require(database, DATABASE);
        require(user, USER);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT + " must be a port between 1 and 65535, got " + port);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password for " + user + ": set " + PASSWORD + " or " + PASSWORD_FILE
                    + " (or --pg-password-file)");
        }
    }

    /**
     * Settings from {@code env}, each overridden by the matching non-null argument; an empty variable counts as unset.
     * A {@link ConfigException} lists every problem.
     */
    public static PgSettings resolve(Map<String, String> env, String host, Integer port, String database,
                                     String user, Path passwordFile) {
        Map<String, String> options = new TreeMap<>();
        putIfGiven(options, HOST_SETTING, host);
        putIfGiven(options, PORT_SETTING, port == null ? null : port.toString());
        putIfGiven(options, DATABASE_SETTING, database);
        putIfGiven(options, USER_SETTING, user);
        if (passwordFile != null) {
            options.put(PASSWORD_FILE, passwordFile.toString());
        }
        Map<String, String> given = new TreeMap<>();
        env.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(name, value);
            }
        });
        SettingValues v = CATALOG.parse(List.of(SettingSource.keys("command line", options),
                SettingSource.environment(given)));
        String portText = v.get(PORT_SETTING);
        Integer p = null;
        try {
            p = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            v.problem(PORT + " must be a number, got '" + portText + "'");
        }
        v.throwIfInvalid();
        return new PgSettings(v.get(HOST_SETTING), p, v.get(DATABASE_SETTING),
                v.get(USER_SETTING), v.get(PASSWORD_SETTING));
    }

    public String jdbcUrl() {
        return connection().jdbcUrl();
    }

    public Connection connect(String applicationName) throws SQLException {
        return connection().connect(applicationName);
    }

    @Override
    public String toString() {
        return connection().toString();
    }

    private PostgresConnectionSettings connection() {
        return new PostgresConnectionSettings(host, port, database, user, password);
    }

    private static void putIfGiven(Map<String, String> options, SettingDefinition<String> setting, String value) {
        if (value != null && !value.isBlank()) {
            options.put(setting.key(), value);
        }
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
    }
}
