package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.RestartPolicy;
import io.tributary.stack.Supervisor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "supervise", mixinStandardHelpOptions = true,
        description = {"Keep every process of a data dir running (what `up` starts in the background).",
                "It restarts a process that dies unexpectedly after a backoff that doubles per consecutive failure,",
                "like compose's restart policy;",
                "give up (status: failed) after --max-restarts within --window. Deliberate stops (down, a demo's end, a",
                "paused service) and one-shots that exited 0 are left alone. Runs until stopped (`tributary down`",
                "stops it first). It also serves the web console (--console-port; 0: none) while it runs.",
                "Exit code 1 if another supervisor already holds the data dir."})
final class SuperviseCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Mixin
    StartOptions start;

    @Mixin
    SupervisionOptions supervision;

    @Mixin
    ConsoleOptions console;

    @Override
    public Integer call() throws InterruptedException {
        RunningStack running = options.stack(start);
        RestartPolicy policy = supervision.policy();
        LocalStack stack = running.attach();
        Supervisor supervisor = Supervisor.start(stack, policy);
        if (!supervisor.active()) {
            options.err().println("tributary supervise: another supervisor already supervises " + running.dataDir());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::close, "supervisor-stop"));
        // the console of the data dir lives as long as its supervisor: `up` starts both, `down` stops both
        var server = console.start(running, options.out(), false);
        try {
            supervisor.awaitClose();
        } finally {
            server.ifPresent(io.tributary.console.ConsoleServer::close);
        }
        return 0;
    }

    /** The restart policy options, shared by supervise, up and chaos. */
    static final class SupervisionOptions {
        @Option(names = "--initial-backoff", defaultValue = "1s", paramLabel = "<duration>",
                description = "Wait before the first restart; doubles per consecutive failure (default ${DEFAULT-VALUE}).")
        String initialBackoff;

        @Option(names = "--max-backoff", defaultValue = "30s", paramLabel = "<duration>",
                description = "Longest wait between restarts (default ${DEFAULT-VALUE}).")
        String maxBackoff;

        @Option(names = "--stable-after", defaultValue = "60s", paramLabel = "<duration>",
                description = "A process up this long starts again from the initial backoff (default ${DEFAULT-VALUE}).")
        String stableAfter;

        @Option(names = "--max-restarts", defaultValue = "20", paramLabel = "<n>",
                description = "Give up on a process restarted this often within --window (default ${DEFAULT-VALUE}).")
        int maxRestarts;

        @Option(names = "--window", defaultValue = "10m", paramLabel = "<duration>",
                description = "The window of --max-restarts (default ${DEFAULT-VALUE}).")
        String window;

        @Option(names = "--crash-loop-limit", defaultValue = "3", paramLabel = "<n>",
                description = {"Give up on a process that failed this many times in a row, each time within --stable-after of",
                        "its start, with the same exit code and last ERROR line (a crash loop); 0 turns it off",
                        "(default ${DEFAULT-VALUE})."})
        int crashLoopLimit;

        RestartPolicy policy() {
            java.time.Duration initial = DurationText.parse(initialBackoff, "--initial-backoff");
            java.time.Duration max = DurationText.parse(maxBackoff, "--max-backoff");
            java.time.Duration stable = DurationText.parse(stableAfter, "--stable-after");
            java.time.Duration within = DurationText.parse(window, "--window");
            if (crashLoopLimit == 1 || crashLoopLimit < 0) {
                throw new IllegalArgumentException("--crash-loop-limit must be 0 (off) or at least 2, got " + crashLoopLimit);
            }
            return new RestartPolicy(initial, max, stable, maxRestarts, within, crashLoopLimit);
        }

        /** The same options for a child `tributary supervise`. */
        java.util.List<String> asArguments() {
            return java.util.List.of("--initial-backoff", initialBackoff, "--max-backoff", maxBackoff, "--stable-after", stableAfter,
                    "--max-restarts", Integer.toString(maxRestarts), "--window", window,
                    "--crash-loop-limit", Integer.toString(crashLoopLimit));
        }
    }
}
