package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.Service;
import io.tributary.stack.ServiceStatus;
import io.tributary.stack.StackException;
import io.tributary.stack.StackSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The stack a command acts on, found from its {@link StackOptions}: the data dir (the option, else
 * {@code <project root>/.tributary}), the ports (an option, then those the data dir was last started with, then the
 * defaults), the secrets under the data dir, and the pipeline's /metrics ports remembered there. Every command finds
 * its stack this way.
 */
final class RunningStack {
    private final StackSettings settings;
    private final boolean dataDirGiven;

    RunningStack(StackSettings settings, boolean dataDirGiven) {
        this.settings = settings;
        this.dataDirGiven = dataDirGiven;
    }

    StackSettings settings() {
        return settings;
    }

    Path dataDir() {
        return settings.dataDir();
    }

    /** A handle on what runs under the data dir, owning nothing (closing it stops nothing). */
    LocalStack attach() {
        return LocalStack.attach(settings);
    }

    /**
     * A handle on what runs under the data dir, once the servers a command needs answer; else a {@link StackException}
     * whose message names the server, what the stack sees and how to start it.
     */
    LocalStack attachRunning(Service... needed) {
        LocalStack stack = attach();
        List<ServiceStatus> statuses = stack.status();
        for (Service service : needed) {
            statuses.stream().filter(s -> s.name().equals(service.id()) && !s.ok()).findFirst().ifPresent(s -> {
                throw new StackException(NotRunning.message(service.id(), s.state(), settings.dataDir(), dataDirOption()));
            });
        }
        return stack;
    }

    /** The /metrics ports of the pipeline services, as the last {@code demo} or {@code chaos} saved them. */
    PipelinePorts pipelinePorts() {
        return PipelinePorts.load(settings.dataDir());
    }

    /** A generated secret's file ({@code app_password}, {@code cdc_password}, ...). */
    Path secretFile(String name) {
        return settings.secretsDir().resolve(name);
    }

    /** What to add to a suggested command so that it finds this stack: {@code " --data-dir <dir>"}, or nothing for the default. */
    String dataDirOption() {
        return dataDirGiven ? " --data-dir " + settings.dataDir() : "";
    }
}
