package io.tributary.platform;

import picocli.CommandLine.Option;

/** Options of the commands that run the whole pipeline on a stack they start ({@code demo}, {@code chaos}). */
final class PipelineOptions {
    @Option(names = "--keep-running", description = "Leave the stack and the pipeline up afterwards, under a background"
            + " supervisor as `up` starts one (stop with `tributary down`).")
    boolean keepRunning;

    @Option(names = "--catch-up-timeout", defaultValue = "300s",
            description = "Reconcile gives up waiting for the lake after this long without progress (default ${DEFAULT-VALUE}).")
    String catchUpTimeout;

    @Option(names = "--cdc-metrics-port", defaultValue = "" + PipelinePorts.DEFAULT_CDC_ENGINE, description = "cdc-engine /metrics (default ${DEFAULT-VALUE}).")
    int cdcMetricsPort;

    @Option(names = "--lakehouse-metrics-port", defaultValue = "" + PipelinePorts.DEFAULT_LAKEHOUSE_JOB, description = "lakehouse-job /metrics (default ${DEFAULT-VALUE}).")
    int lakehouseMetricsPort;

    @Option(names = "--simulator-metrics-port", defaultValue = "" + PipelinePorts.DEFAULT_SIMULATOR, description = "simulator /metrics (default ${DEFAULT-VALUE}).")
    int simulatorMetricsPort;

    PipelinePorts ports() {
        return new PipelinePorts(cdcMetricsPort, lakehouseMetricsPort, simulatorMetricsPort);
    }
}
