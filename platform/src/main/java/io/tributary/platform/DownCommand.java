package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ServiceStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop every process of the stack (pipeline services first) cleanly, SIGKILL after a grace period.",
                "Data stays in the data dir."})
final class DownCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        RunningStack running = options.stack();
        List<ServiceStatus> before;
        try (DataDirLock lock = DataDirLock.acquire(running.dataDir(), Duration.ofMinutes(10))) {
            LocalStack stack = running.attach();
            before = stack.status().stream().filter(s -> s.pid() != null).toList();
            stack.stopAll();
        }
        var out = options.out();
        if (before.isEmpty()) {
            out.println("Nothing was running under " + running.dataDir());
        } else {
            before.forEach(s -> out.println("stopped " + s.name() + " (pid " + s.pid() + ")"));
        }
        out.flush();
        return 0;
    }
}
