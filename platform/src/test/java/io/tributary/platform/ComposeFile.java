package io.tributary.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as compose reads it (anchors and merge keys resolved by SnakeYAML), with compose's variable
 * substitution from an env file, and the Dockerfile stages its services are built from (ENV, WORKDIR, ENTRYPOINT).
 * Test support for DockerComposeParityIT; pure apart from reading the files.
 */
final class ComposeFile {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile read(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new ComposeFile((Map<String, Object>) new Yaml(options).load(in));
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) root.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> s = services().get(name);
        if (s == null) {
            throw new AssertionError("docker-compose.yml has no service " + name + "; it has " + services().keySet());
        }
        return s;
    }

    /** The service's environment after substitution, in file order. */
    @SuppressWarnings("unchecked")
    Map<String, String> environment(String name, Map<String, String> variables) {
        Object env = service(name).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(k.toString(), v == null ? "" : substitute(v.toString(), variables)));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String[] kv = item.toString().split("=", 2);
                result.put(kv[0], kv.length > 1 ? substitute(kv[1], variables) : variables.getOrDefault(kv[0], ""));
            }
        }
        return result;
    }

    /** The service's command after substitution (list form, or a string split on spaces as compose does). */
    List<String> command(String name, Map<String, String> variables) {
        Object command = service(name).get("command");
        List<String> result = new ArrayList<>();
        if (command instanceof List<?> list) {
            list.forEach(a -> result.add(substitute(a.toString(), variables)));
        } else if (command != null) {
            for (String part : command.toString().trim().split("\\s+")) {
                result.add(substitute(part, variables));
            }
        }
        return result;
    }

    /** The build target of a service: {@code build: {target: x}} or, for an image built by another service, that one's. */
    @SuppressWarnings("unchecked")
    String buildTarget(String name) {
        Object build = service(name).get("build");
        if (build instanceof Map<?, ?> b && b.get("target") != null) {
            return b.get("target").toString();
        }
        Object image = service(name).get("image");
        for (Map.Entry<String, Map<String, Object>> other : services().entrySet()) {
            if (other.getValue().get("build") instanceof Map<?, ?> b && image != null
                    && image.equals(other.getValue().get("image")) && b.get("target") != null) {
                return b.get("target").toString();
            }
        }
        throw new AssertionError("service " + name + " is not built from the Dockerfile (no build target)");
    }

    /** Compose's substitution: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $VAR, $$. */
    static String substitute(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                String operator = m.group(2);
                String set = variables.get(name);
                boolean colon = operator != null && operator.startsWith(":");
                boolean missing = set == null || (colon && set.isEmpty());
                if (operator != null && operator.endsWith("-")) {
                    replacement = missing ? m.group(3) : set;
                } else if (operator != null && operator.endsWith("?")) {
                    if (missing) {
                        throw new IllegalArgumentException("required variable " + name + " is missing: " + m.group(3));
                    }
                    replacement = set;
                } else {
                    replacement = set == null ? "" : set;
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** KEY=VALUE lines of an env file (comments and blank lines skipped). */
    static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] kv = t.split("=", 2);
            result.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "");
        }
        return result;
    }

    /** One stage of a multi-stage Dockerfile: what a container of it starts with. */
    record Stage(String name, Map<String, String> env, String workdir, List<String> entrypoint) {
    }

    /** Stages by name, each with the ENV and WORKDIR inherited from the stage it is built FROM. */
    static Map<String, Stage> dockerfileStages(Path dockerfile) throws IOException {
        Map<String, Stage> stages = new LinkedHashMap<>();
        Pattern from = Pattern.compile("(?i)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");
        String current = null;
        Map<String, String> env = new LinkedHashMap<>();
        String workdir = "/";
        List<String> entrypoint = List.of();
        StringBuilder joined = new StringBuilder();
        List<String> instructions = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("#") && joined.length() == 0) {
                continue;
            }
            if (line.endsWith("\\")) {
                joined.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            joined.append(line);
            instructions.add(joined.toString().strip());
            joined.setLength(0);
        }
        for (String instruction : instructions) {
            Matcher f = from.matcher(instruction);
            if (f.find()) {
                if (current != null) {
                    stages.put(current, new Stage(current, Map.copyOf(env), workdir, entrypoint));
                }
                Stage base = stages.get(f.group(1));
                env = new LinkedHashMap<>(base == null ? Map.of() : base.env());
                workdir = base == null ? "/" : base.workdir();
                entrypoint = base == null ? List.of() : base.entrypoint();
                current = f.group(2) != null ? f.group(2) : f.group(1);
            } else if (instruction.regionMatches(true, 0, "ENV ", 0, 4)) {
                String[] kv = instruction.substring(4).strip().split("=", 2);
                String v = kv.length > 1 ? kv[1] : "";
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                env.put(kv[0], v);
            } else if (instruction.regionMatches(true, 0, "WORKDIR ", 0, 8)) {
                workdir = instruction.substring(8).strip();
            } else if (instruction.regionMatches(true, 0, "ENTRYPOINT ", 0, 11)) {
                String[] parts = new ObjectMapper().readValue(instruction.substring(11).strip(), String[].class);
                entrypoint = List.of(parts);
            }
        }
        if (current != null) {
            stages.put(current, new Stage(current, Map.copyOf(env), workdir, entrypoint));
        }
        return stages;
    }
}
