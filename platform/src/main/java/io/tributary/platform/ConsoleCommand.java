package io.tributary.platform;

import io.tributary.configuration.ConfigException;
import io.tributary.console.ConsoleServer;
import io.tributary.console.ConsoleToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Serve the web console on its own, for servers named by their addresses (compose's console service).",
                "Rather than a data dir, it reads PostgreSQL, Kafka, the registry and S3 from the TRIBUTARY_* variables",
                "every stage reads (docs/DEVELOPING.md; secrets also as *_FILE), the stages' HTTP servers from the options.",
                "`up`, `demo` and `supervise` serve the local stack's console by themselves (--console-port).",
                "Runs until stopped. Exit code 2 for a bad variable, 1 when the port is in use."})
final class ConsoleCommand implements Callable<Integer> {
    static final String PORT_OPTION = "--port";

    @Option(names = PORT_OPTION, defaultValue = "" + ConsoleServer.DEFAULT_PORT, paramLabel = "<port>",
            description = "Serve on this port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "<address>",
            description = "Bind address: 127.0.0.1, or 0.0.0.0 inside a container whose port is published (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--cdc-engine-url", defaultValue = "http://127.0.0.1:" + PipelinePorts.DEFAULT_CDC_ENGINE, paramLabel = "<url>",
            description = "cdc-engine's /metrics server (default ${DEFAULT-VALUE}).")
    URI cdcEngine;

    @Option(names = "--lakehouse-job-url", defaultValue = "http://127.0.0.1:" + PipelinePorts.DEFAULT_LAKEHOUSE_JOB, paramLabel = "<url>",
            description = "The lakehouse job's HTTP server: /metrics and the lake page's row previews (default ${DEFAULT-VALUE}).")
    URI lakehouseJob;

    @Option(names = "--simulator-url", defaultValue = "http://127.0.0.1:" + PipelinePorts.DEFAULT_SIMULATOR, paramLabel = "<url>",
            description = "The simulator's /metrics server (default ${DEFAULT-VALUE}).")
    URI simulator;

    @Option(names = "--token-file", defaultValue = ".tributary/secrets/console_token", paramLabel = "<file>",
            description = "The token of the console's actions, created (mode 600) when missing (default ${DEFAULT-VALUE}).")
    Path tokenFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The stages' servers the options name, by stage. */
    Map<String, URI> stages() {
        return Map.of(Pipeline.CDC_ENGINE, cdcEngine, Pipeline.LAKEHOUSE_JOB, lakehouseJob, Pipeline.SIMULATOR, simulator);
    }

    @Override
    public Integer call() throws Exception {
        ConsoleAddresses addresses;
        try {
            addresses = ConsoleAddresses.of(System.getenv(), stages());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("tributary console: " + e.getMessage());
            return 2;
        }
        ConsoleToken token = ConsoleToken.loadOrCreate(tokenFile);
        CountDownLatch stopped = new CountDownLatch(1);
        try (ConsoleServer server = start(addresses, token)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "console-stop"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Console: http://" + bind + ":" + server.port() + "/ over " + addresses + " (its actions need the"
                    + " token in " + tokenFile + ")");
            out.flush();
            stopped.await();
        }
        return 0;
    }

    private ConsoleServer start(ConsoleAddresses addresses, ConsoleToken token) {
        try {
            return ConsoleServer.start(InetAddress.getByName(bind), port, PORT_OPTION, new AddressedConsoleSources(addresses),
                    token, ConsoleServer.DEFAULT_SAMPLE_EVERY);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
