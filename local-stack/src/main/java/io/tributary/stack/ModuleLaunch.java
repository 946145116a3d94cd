package io.tributary.stack;

import io.tributary.contracts.stage.StageMain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline module started as its own OS process:
 * {@code java <jvmOptions> -cp <root>/<module>/target/classes:<runtime.classpath> <mainClass> <args>}, with the stack's
 * {@code TRIBUTARY_*} environment plus {@code extraEnv}. Each module keeps its own dependency versions that way.
 *
 * @param module     module folder relative to the project root, e.g. {@code cdc-engine} or {@code schema-registry/server}
 * @param name       log and pid-file name, e.g. {@code cdc-engine} (logs/cdc-engine.log)
 */
public record ModuleLaunch(String module, String mainClass, List<String> args, Map<String, String> extraEnv,
        List<String> jvmOptions, String name) {

    public ModuleLaunch {
        args = List.copyOf(args);
        extraEnv = Map.copyOf(extraEnv);
        jvmOptions = List.copyOf(jvmOptions);
        if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("Process name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
    }

    /** Named after the module's last folder ({@code cdc-engine}; {@code schema-registry/server} -> {@code server}). */
    public static ModuleLaunch of(String module, String mainClass, List<String> args, Map<String, String> extraEnv,
            List<String> jvmOptions) {
        String last = module.substring(module.lastIndexOf('/') + 1);
        return new ModuleLaunch(module, mainClass, args, extraEnv, jvmOptions, last);
    }

    /** A stage's main, from its module, named after the module. */
    public static ModuleLaunch of(StageMain main, List<String> args, Map<String, String> extraEnv, List<String> jvmOptions) {
        return of(main.module(), main.className(), args, extraEnv, jvmOptions);
    }

    public ModuleLaunch named(String newName) {
        return new ModuleLaunch(module, mainClass, args, extraEnv, jvmOptions, newName);
    }

    /** {@code target/classes} then the jars of {@code target/runtime.classpath}; an error saying how to build if absent. */
    public String classpath(Path projectRoot) {
        Path target = projectRoot.resolve(module).resolve("target");
        Path classes = target.resolve("classes");
        Path cpFile = target.resolve("runtime.classpath");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(cpFile)) {
            throw new StackException("Module " + module + " is not built (" + (Files.isDirectory(classes) ? cpFile : classes)
                    + " is missing); build it with ./mvnw -q -pl " + module + " install -DskipTests");
        }
        try {
            String jars = Files.readString(cpFile, StandardCharsets.UTF_8).strip();
            return jars.isEmpty() ? classes.toString() : classes + File.pathSeparator + jars;
        } catch (IOException e) {
            throw new StackException("Cannot read " + cpFile + ": " + e.getMessage(), e);
        }
    }

    ProcessSpec toSpec(StackSettings settings, Map<String, String> stackEnvironment) {
        Path root = settings.projectRoot();
        return processSpec(classpath(root), root, settings.tmpDir(), settings.logFile(name), stackEnvironment);
    }

    /**
     * This launch as a process of its own outside a stack (the scheduler runs its jobs so):
     * {@code java <jvmOptions> -Djava.io.tmpdir=<tmpDir> -cp <classpath> <mainClass> <args>} in {@code workingDir},
     * with {@code environment} plus the launch's extra variables, its output appended to {@code logFile}.
     */
    public ProcessSpec processSpec(String classpath, Path workingDir, Path tmpDir, Path logFile,
            Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extraEnv);
        return new ProcessSpec(name, JavaCommand.of(jvmOptions, tmpDir, classpath, mainClass, args), env, workingDir,
                logFile, StopSignal.TERM);
    }
}
