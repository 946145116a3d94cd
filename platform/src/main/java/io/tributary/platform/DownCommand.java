package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ServiceStatus;
import io.tributary.stack.StackSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop every process of the stack (pipeline services first) cleanly, SIGKILL after a grace period.",
                "Data stays in the data dir."})
final class DownCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StackSettings settings = options.settings();
        List<ServiceStatus> before;
        try (DataDirLock lock = DataDirLock.acquire(settings.dataDir(), Duration.ofMinutes(10))) {
            LocalStack stack = LocalStack.attach(settings);
            before = stack.status().stream().filter(s -> s.pid() != null).toList();
            stack.stopAll();
        }
        var out = spec.commandLine().getOut();
        if (before.isEmpty()) {
            out.println("Nothing was running under " + settings.dataDir());
        } else {
            before.forEach(s -> out.println("stopped " + s.name() + " (pid " + s.pid() + ")"));
        }
        out.flush();
        return 0;
    }
}
