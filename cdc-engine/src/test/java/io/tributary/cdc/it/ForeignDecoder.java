package io.tributary.cdc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs src/test/node/decode-topics.mjs (kafkajs + @kafkajs/confluent-schema-registry). Installs its two npm
 * packages on first use; the test is skipped (not passed) where Node.js or npm is unavailable.
 */
final class ForeignDecoder {
    static final Path DIR = Path.of("src/test/node").toAbsolutePath();

    private ForeignDecoder() {
    }

    static List<JsonNode> decode(String bootstrap, String registryUrl, List<String> topics) throws Exception {
        assumeTrue(run(List.of("node", "--version"), 10).exit == 0, "Node.js is not installed: foreign-client check skipped");
        if (!Files.isDirectory(DIR.resolve("node_modules/kafkajs"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 180);
            assumeTrue(install.exit == 0, "npm ci failed (no npm registry?): " + install.output);
        }
        List<String> command = new ArrayList<>(List.of("node", "decode-topics.mjs", bootstrap, registryUrl));
        command.addAll(topics);
        Result result = run(command, 120);
        if (result.exit != 0) {
            throw new AssertionError("decode-topics.mjs failed (exit " + result.exit + "):\n" + result.output);
        }
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.output.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode node = mapper.readTree(line);
                // kafkajs logs JSON lines too (e.g. "group coordinator not available" while it retries)
                if (node.has("topic") && node.has("offset") && !node.has("level")) {
                    lines.add(node);
                }
            }
        }
        return lines;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws InterruptedException {
        try {
            Path out = Files.createTempFile("foreign-decode", ".out");
            Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }
}
