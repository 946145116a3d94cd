package io.tributary.platform;

import io.tributary.contracts.stage.StageMain;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.ProjectRoot;
import io.tributary.stack.StackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "lakehouse-job", mixinStandardHelpOptions = true,
        description = {"Commands of the lakehouse job that need no running stack.",
                "Its sql and reconcile run as `tributary sql` and `tributary reconcile`; maintenance runs in the job",
                "(POST /maintain on its metrics port). docs/lakehouse-job.md shows how to run any command by hand."},
        subcommands = {LakehouseJobCommand.Settings.class})
final class LakehouseJobCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "settings", mixinStandardHelpOptions = true,
            description = {"List every setting of the lakehouse job with its default and meaning.",
                    "These are the TRIBUTARY_* variables the job reads (TRIBUTARY_LAKEHOUSE_* and the shared ones), from",
                    "the same definitions the job validates at its start. Runs lakehouse-job settings on its own classpath."})
    static final class Settings implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path root = ProjectRoot.find().orElseThrow(() -> new StackException(
                    "Cannot find the Tributary project root; run ./tributary from the repository, or set TRIBUTARY_HOME"));
            String classpath = ModuleLaunch.of(StageMain.LAKEHOUSE_JOB, List.of(), Map.of(), List.of()).classpath(root);
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", classpath, StageMain.LAKEHOUSE_JOB.className(), "settings");
            Process process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            var out = spec.commandLine().getOut();
            out.print(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            out.flush();
            return process.waitFor();
        }
    }
}
