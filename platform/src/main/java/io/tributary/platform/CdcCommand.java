package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.RunRecord;
import io.tributary.stack.Service;
import io.tributary.stack.StackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "cdc", mixinStandardHelpOptions = true,
        description = {"Operations on cdc-engine's position in PostgreSQL (its replication slot and offsets)."},
        subcommands = {CdcCommand.Reset.class})
final class CdcCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {
                "Re-snapshot every captured table after the replication slot was lost: stop cdc-engine, write a delete "
                    + "for every key of its topics, drop its slot, move its offsets file aside, start it again.",
                "Run it when cdc-engine stopped with 'Replication slot ... does not exist' (dropped) or '... was "
                    + "invalidated' (max_slot_wal_keep_size), or when it warned of a slot ahead of its stored position "
                    + "that you know was dropped and created again: the changes since its stored position are in no "
                    + "slot any more. The restarted "
                    + "engine creates the slot and reads every captured table again from one consistent point, then "
                    + "streams from exactly there. The deletes come first (at the WAL position before the slot is "
                    + "dropped), the re-read rows after them, so a row deleted while no slot kept the WAL ends deleted "
                    + "and every other row as PostgreSQL has it; the lake merges both by LSN. The old offsets file is "
                    + "kept next to it, named before-reset-<time>.",
                "Exit 0: reset and started; 1: the reset failed (the message says why); 2: cdc-engine was never started "
                    + "in this stack. docs/cdc-engine.md, 'When the slot is lost'."})
    static final class Reset implements Callable<Integer> {
        static final String RESET_PROCESS = "cdc-engine-reset";

        @Mixin
        StackOptions options;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = options.out();
            PrintWriter err = options.err();
            LocalStack stack = options.stack().attachRunning(Service.POSTGRES);
            RunRecord record = stack.runRecord(Pipeline.CDC_ENGINE).orElse(null);
            if (record == null || record.launch() == null) {
                err.println("cdc-engine was never started in this stack (" + options.resolvedDataDir() + "): nothing "
                        + "to reset. Start it with ./tributary up.");
                return 2;
            }
            stack.pause(Pipeline.CDC_ENGINE);
            stack.processOf(record).filter(ManagedProcess::isAlive).ifPresent(p -> {
                out.println("Stopping cdc-engine (pid " + p.pid() + ") ...");
                out.flush();
                p.stop(Duration.ofSeconds(60));
            });
            stack.forget(RESET_PROCESS);
            ManagedProcess reset = stack.launchOneShot(resetLaunch(record.launch()));
            if (!reset.waitFor(Duration.ofMinutes(2))) {
                reset.stop(Duration.ofSeconds(10));
                throw new StackException("cdc-engine reset did not finish within 2 minutes; see " + reset.logFile());
            }
            int code = reset.exitCode().orElse(-1);
            List<String> lines = resetLines(Files.readAllLines(reset.logFile()));
            stack.forget(RESET_PROCESS);
            if (code != 0) {
                lines.forEach(err::println);
                err.println("cdc-engine reset failed (exit " + code + "; " + reset.logFile() + "); cdc-engine stays "
                        + "stopped. Fix the cause, then run ./tributary cdc reset again.");
                return 1;
            }
            lines.forEach(out::println);
            stack.forget(Pipeline.CDC_ENGINE);
            ManagedProcess engine = stack.launch(record.launch());
            out.println("Started cdc-engine (pid " + engine.pid() + "): it re-snapshots every captured table, then "
                    + "streams. Follow it with ./tributary logs cdc-engine and ./tributary status; compare with "
                    + "./tributary reconcile once the lake has caught up.");
            return 0;
        }

        /** The engine's own launch (module, settings, JVM options) running {@code cdc-engine reset} instead. */
        static ModuleLaunch resetLaunch(ModuleLaunch engine) {
            List<String> args = new ArrayList<>();
            args.add("reset");
            args.addAll(engine.args());
            return new ModuleLaunch(engine.module(), engine.mainClass(), args, engine.extraEnv(), engine.jvmOptions(),
                    RESET_PROCESS);
        }

        /** What the last run of the reset says it did (its log also holds earlier runs and the JVM's own lines). */
        static List<String> resetLines(List<String> log) {
            int start = 0;
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).startsWith("==== ")) {
                    start = i + 1;
                }
            }
            return log.subList(start, log.size()).stream().filter(l -> l.startsWith("cdc-engine reset: ")).toList();
        }
    }
}
