package io.tributary.platform;

import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.Service;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "psql", mixinStandardHelpOptions = true,
        description = {"Run psql on the local PostgreSQL as tributary_app.",
                "The password goes through the environment, never the command line. Without psql installed, prints",
                "the connection URL. Extra arguments go to psql, e.g.",
                "  tributary psql -- -c \"SELECT count(*) FROM shop.orders\""})
final class PsqlCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--cdc", description = "Connect as the CDC role (tributary_cdc) instead.")
    boolean cdc;

    @Parameters(paramLabel = "<psql argument>", arity = "0..*", description = "Passed to psql.")
    List<String> psqlArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        RunningStack running = options.stack();
        PostgresEndpoint pg = running.attachRunning(Service.POSTGRES).postgres();
        String user = cdc ? pg.cdcUser() : pg.appUser();
        String url = "postgresql://" + user + "@" + pg.host() + ":" + pg.port() + "/" + pg.database();
        Optional<Path> psql = onPath("psql");
        if (psql.isEmpty()) {
            var out = options.out();
            out.println("psql is not installed (Debian: apt-get install postgresql-client). Connect with:");
            out.println("  " + url);
            out.println("  password: " + running.secretFile(cdc ? "cdc_password" : "app_password")
                    + " (unless TRIBUTARY_" + (cdc ? "CDC" : "APP") + "_PASSWORD is set)");
            out.flush();
            return 0;
        }
        List<String> command = new ArrayList<>(List.of(psql.get().toString(), url));
        command.addAll(psqlArgs);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("PGPASSWORD", cdc ? pg.cdcPassword() : pg.appPassword());
        builder.environment().put("PGAPPNAME", "tributary-psql");
        return builder.start().waitFor();
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
