package io.tributary.contracts.stage;

/**
 * The main classes one process starts another with (the local stack, the CLI and the benchmarks launch each stage as
 * its own JVM, from its module's classes and its own classpath).
 */
public enum StageMain {
    SIMULATOR("simulator", "io.tributary.simulator.SimulatorMain"),
    CDC_ENGINE("cdc-engine", "io.tributary.cdc.CdcEngineMain"),
    LAKEHOUSE_JOB("lakehouse-job", "io.tributary.lakehouse.LakehouseJobMain"),
    /** lakehouse-job's second main: compares PostgreSQL with silver and prints the report */
    RECONCILE("lakehouse-job", "io.tributary.lakehouse.reconcile.ReconcileCommand"),
    SCHEMA_REGISTRY("schema-registry/server", "io.tributary.registry.SchemaRegistryMain"),
    /** runs the daily jobs on their schedule (Quartz, its store in PostgreSQL) and {@code schedule list|run|backfill} */
    SCHEDULER("scheduler", "io.tributary.scheduler.SchedulerMain");

    private final String module;
    private final String className;

    StageMain(String module, String className) {
        this.module = module;
        this.className = className;
    }

    /** The Maven module (directory under the project root) whose classes hold the main. */
    public String module() {
        return module;
    }

    /** The fully qualified name of the main class. */
    public String className() {
        return className;
    }
}
