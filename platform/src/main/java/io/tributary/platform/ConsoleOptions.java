package io.tributary.platform;

import io.tributary.console.ConsoleServer;
import io.tributary.console.ConsoleToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The web console's option (a picocli mixin of up, demo, chaos and supervise) and how a command starts it. */
final class ConsoleOptions {
    static final String PORT_OPTION = "--console-port";

    @Option(names = PORT_OPTION, defaultValue = "" + ConsoleServer.DEFAULT_PORT, paramLabel = "<port>",
            description = "Serve the web console on http://127.0.0.1:<port>/ (default ${DEFAULT-VALUE}; 0 turns it off).")
    int consolePort;

    int port() {
        if (consolePort < 0 || consolePort > 65535) {
            throw new IllegalArgumentException(PORT_OPTION + " must be a port (1-65535) or 0 for no console, got " + consolePort);
        }
        return consolePort;
    }

    boolean enabled() {
        return port() > 0;
    }

    /** The token file of {@code running}'s data dir ({@code secrets/console_token}, mode 600). */
    static Path tokenFile(RunningStack running) {
        return running.secretFile(ConsoleToken.FILE_NAME);
    }

    static ConsoleToken token(RunningStack running) {
        try {
            return ConsoleToken.loadOrCreate(tokenFile(running));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the console token " + tokenFile(running) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the console in this JVM, or nothing when it is off. A port in use is reported on {@code out} and the
     * command goes on without a console (the console is a view; the pipeline does not need it). {@code showToken}:
     * print the token (to a terminal; never to a log).
     */
    Optional<ConsoleServer> start(RunningStack running, PrintWriter out, boolean showToken) {
        if (!enabled()) {
            return Optional.empty();
        }
        ConsoleToken token = token(running);
        try {
            ConsoleServer server = ConsoleServer.start(port(), PORT_OPTION, new StackConsoleSources(running), token,
                    ConsoleServer.DEFAULT_SAMPLE_EVERY);
            out.println(showToken ? announce(server.url(), running)
                    : "Console: " + server.url() + "   (its actions need the token in " + tokenFile(running) + ")");
            out.flush();
            return Optional.of(server);
        } catch (IOException e) {
            out.println("No console: " + e.getMessage());
            out.flush();
            return Optional.empty();
        }
    }

    /** The line that tells the user where the console is and where its token is (the token itself, once). */
    static String announce(String url, RunningStack running) {
        return "Console: " + url + "   (read-only; its actions need the token " + token(running).value() + ", kept in "
                + tokenFile(running) + ")";
    }

    /** The option for a child process. */
    java.util.List<String> asArguments() {
        return java.util.List.of(PORT_OPTION, Integer.toString(port()));
    }
}
