package io.tributary.stack;

/**
 * The credentials of the stack. {@link #toString()} never shows a value.
 */
public record StackSecrets(String superPassword, String appPassword, String cdcPassword, String s3AccessKey,
        String s3SecretKey, String schedulerPassword) {

    /** Resolves every secret from the environment or the generated files (see {@link SecretStore}). */
    static StackSecrets resolve(SecretStore store) {
        return new StackSecrets(
                store.resolve("postgres_password", "TRIBUTARY_PG_SUPERUSER_PASSWORD"),
                store.resolve("app_password", "TRIBUTARY_APP_PASSWORD"),
                store.resolve("cdc_password", "TRIBUTARY_CDC_PASSWORD"),
                store.resolve("s3_access_key", "TRIBUTARY_S3_ACCESS_KEY"),
                store.resolve("s3_secret_key", "TRIBUTARY_S3_SECRET_KEY"),
                store.resolve("scheduler_password", "TRIBUTARY_SCHEDULER_PASSWORD"));
    }

    @Override
    public String toString() {
        return "StackSecrets[redacted]";
    }
}
