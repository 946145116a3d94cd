package io.tributary.contracts.stage;

/**
 * The environment variables one process sets for another it launches (the local stack for every stage, the CLI and
 * the benchmarks for each stage), by the stage that reads them. A stage's own configuration documents what each one
 * means.
 */
public final class StageEnvironment {

    /** The project root: where a launcher finds the modules' classes. */
    public static final String HOME = "TRIBUTARY_HOME";

    /** Set by the local stack for every stage: where its servers are. */
    public static final class Stack {
        public static final String PG_HOST = "TRIBUTARY_PG_HOST";
        public static final String PG_PORT = "TRIBUTARY_PG_PORT";
        public static final String PG_DATABASE = "TRIBUTARY_PG_DATABASE";
        public static final String APP_USER = "TRIBUTARY_APP_USER";
        public static final String APP_PASSWORD = "TRIBUTARY_APP_PASSWORD";
        public static final String CDC_USER = "TRIBUTARY_CDC_USER";
        public static final String CDC_PASSWORD = "TRIBUTARY_CDC_PASSWORD";
        public static final String KAFKA_BOOTSTRAP = "TRIBUTARY_KAFKA_BOOTSTRAP";
        public static final String SCHEMA_REGISTRY_URL = "TRIBUTARY_SCHEMA_REGISTRY_URL";
        public static final String S3_ENDPOINT = "TRIBUTARY_S3_ENDPOINT";
        public static final String S3_REGION = "TRIBUTARY_S3_REGION";
        public static final String S3_BUCKET = "TRIBUTARY_S3_BUCKET";
        public static final String S3_ACCESS_KEY = "TRIBUTARY_S3_ACCESS_KEY";
        public static final String S3_SECRET_KEY = "TRIBUTARY_S3_SECRET_KEY";
        /** the prefix of the change topics, shared by cdc-engine (writes) and lakehouse-job (reads) */
        public static final String TOPIC_PREFIX = "TRIBUTARY_TOPIC_PREFIX";

        private Stack() {
        }
    }

    /** Read by the schema registry. */
    public static final class Registry {
        public static final String HOST = "TRIBUTARY_REGISTRY_HOST";
        public static final String PORT = "TRIBUTARY_REGISTRY_PORT";

        private Registry() {
        }
    }

    /** Read by cdc-engine. */
    public static final class Cdc {
        public static final String DATA_DIR = "TRIBUTARY_CDC_DATA_DIR";
        public static final String METRICS_PORT = "TRIBUTARY_CDC_METRICS_PORT";
        public static final String HEARTBEAT_INTERVAL = "TRIBUTARY_CDC_HEARTBEAT_INTERVAL";
        public static final String SLOT = "TRIBUTARY_CDC_SLOT";
        public static final String SNAPSHOT_MODE = "TRIBUTARY_CDC_SNAPSHOT_MODE";
        /** replicas of the topics it creates: the local stack sets 3 when it runs a Kafka cluster of three */
        public static final String TOPIC_REPLICATION_FACTOR = "TRIBUTARY_CDC_TOPIC_REPLICATION_FACTOR";

        private Cdc() {
        }
    }

    /** Read by lakehouse-job (its stream and reconcile). */
    public static final class Lakehouse {
        public static final String DATA_DIR = "TRIBUTARY_LAKEHOUSE_DATA_DIR";
        /** -1 disables the endpoint (reconcile, one-shot tools) */
        public static final String METRICS_PORT = "TRIBUTARY_LAKEHOUSE_METRICS_PORT";
        public static final String TRIGGER_INTERVAL = "TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL";
        public static final String MAINTENANCE_INTERVAL = "TRIBUTARY_LAKEHOUSE_MAINTENANCE_INTERVAL";
        public static final String LAKE_ROOT = "TRIBUTARY_LAKEHOUSE_LAKE_ROOT";

        private Lakehouse() {
        }
    }

    /** Read by Spark itself in lakehouse-job. */
    public static final class Spark {
        /** where Spark binds its web UI (without it, every interface): the local stack sets 127.0.0.1 */
        public static final String LOCAL_IP = "SPARK_LOCAL_IP";

        private Spark() {
        }
    }

    /** Read by the simulator. */
    public static final class Simulator {
        public static final String METRICS_PORT = "TRIBUTARY_SIMULATOR_METRICS_PORT";

        private Simulator() {
        }
    }

    /** Read by the scheduler (its stage and its {@code list}, {@code run} and {@code backfill} commands). */
    public static final class Scheduler {
        /** the scheduler's own PostgreSQL role, owner of schema {@code scheduler} */
        public static final String USER = "TRIBUTARY_SCHEDULER_USER";
        public static final String PASSWORD = "TRIBUTARY_SCHEDULER_PASSWORD";
        public static final String DATA_DIR = "TRIBUTARY_SCHEDULER_DATA_DIR";
        /** 0 disables the endpoint */
        public static final String METRICS_PORT = "TRIBUTARY_SCHEDULER_METRICS_PORT";

        private Scheduler() {
        }
    }

    private StageEnvironment() {
    }
}
