package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.StackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print this stack's variables as shell exports, for  eval \"$(./tributary env)\".",
                "The TRIBUTARY_* variables are the ones every stage reads (they include the generated passwords), so",
                "that a service can be run by hand. For the usual clients it also exports PGHOST, PGPORT, PGDATABASE,",
                "PGUSER (tributary_app) and PGPASSFILE (psql and other libpq tools; the password stays in the file,",
                "written with mode 600 to <data-dir>/secrets/pgpass), KCAT_CONFIG (a kcat configuration naming",
                "bootstrap.servers), and BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL (Confluent's console tools:",
                "--bootstrap-server \"$BOOTSTRAP_SERVERS\" --property schema.registry.url=\"$SCHEMA_REGISTRY_URL\")."})
final class EnvCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        RunningStack running = options.stack();
        LocalStack stack = running.attach();
        Path pgpass = running.secretFile(ClientEnvironment.PGPASS_FILE);
        Path kcat = running.dataDir().resolve(ClientEnvironment.KCAT_FILE);
        write(pgpass, ClientEnvironment.pgpass(stack.postgres()), true);
        write(kcat, ClientEnvironment.kcatConfig(stack.kafkaBootstrap()), false);
        Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment());
        env.putAll(ClientEnvironment.variables(stack.postgres(), stack.kafkaBootstrap(), stack.registryUrl(), pgpass, kcat));
        var out = options.out();
        env.forEach((k, v) -> out.println("export " + k + "=" + ShellQuoting.quote(v)));
        out.flush();
        return 0;
    }

    private static void write(Path file, String content, boolean secret) {
        try {
            Files.createDirectories(file.getParent());
            if (secret) {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new StackException("Cannot write " + file + " (for the clients env sets up): " + e.getMessage(), e);
        }
    }
}
