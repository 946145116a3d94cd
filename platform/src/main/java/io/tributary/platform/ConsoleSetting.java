package io.tributary.platform;

import static io.tributary.configuration.SettingDefinition.define;

import io.tributary.configuration.Check;
import io.tributary.configuration.DefinedSetting;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.ValueType;
import io.tributary.contracts.stage.StageEnvironment.Stack;

/**
 * What {@code tributary console} reads from the environment: the servers' addresses and logins, under the names every
 * stage reads (docs/DEVELOPING.md); the defaults are the local stack's.
 */
enum ConsoleSetting implements DefinedSetting {
    PG_HOST(define(Stack.PG_HOST, ValueType.text()).defaultValue("127.0.0.1").doc("PostgreSQL host.")),
    PG_PORT(define(Stack.PG_PORT, ValueType.integer()).defaultValue("15432").check(Check.between(1, 65_535))
            .doc("PostgreSQL port.")),
    PG_DATABASE(define(Stack.PG_DATABASE, ValueType.text()).defaultValue("tributary").doc("Database of schema shop.")),
    APP_USER(define(Stack.APP_USER, ValueType.text()).defaultValue("tributary_app")
            .doc("Role that counts the rows of the shop's tables.")),
    APP_PASSWORD(define(Stack.APP_PASSWORD, ValueType.text()).secret("password")
            .doc("Password of that role (or TRIBUTARY_APP_PASSWORD_FILE).")),
    KAFKA_BOOTSTRAP(define(Stack.KAFKA_BOOTSTRAP, ValueType.text()).defaultValue("127.0.0.1:19092")
            .doc("Kafka's bootstrap servers (the topics page).")),
    SCHEMA_REGISTRY_URL(define(Stack.SCHEMA_REGISTRY_URL, ValueType.text()).defaultValue("http://127.0.0.1:18081")
            .doc("The schema registry (the schemas page, and decoding on the topics page).")),
    S3_ENDPOINT(define(Stack.S3_ENDPOINT, ValueType.text()).defaultValue("http://127.0.0.1:19000")
            .doc("The lake's S3 endpoint (the lake page).")),
    S3_REGION(define(Stack.S3_REGION, ValueType.text()).defaultValue("us-east-1").doc("Its region.")),
    S3_BUCKET(define(Stack.S3_BUCKET, ValueType.text()).defaultValue("lakehouse").doc("The lake's bucket.")),
    S3_ACCESS_KEY(define(Stack.S3_ACCESS_KEY, ValueType.text()).secret("access key")
            .doc("Access key of the lake (or TRIBUTARY_S3_ACCESS_KEY_FILE); the console only reads with it.")),
    S3_SECRET_KEY(define(Stack.S3_SECRET_KEY, ValueType.text()).secret("secret key")
            .doc("Its secret key (or TRIBUTARY_S3_SECRET_KEY_FILE)."));

    /** Borrowed names: the console owns no prefix, so it rejects no other stage's variable. */
    static final SettingCatalog CATALOG = SettingCatalog.borrowed(DefinedSetting.definitions(values()));

    private final SettingDefinition<?> definition;

    ConsoleSetting(SettingDefinition.Builder<?> definition) {
        this.definition = definition.build();
    }

    @Override
    public SettingDefinition<?> definition() {
        return definition;
    }
}
