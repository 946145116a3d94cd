package io.tributary.configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads a properties file of settings: names and values trimmed. */
final class PropertiesFile {
    private PropertiesFile() {
    }

    static Map<String, String> read(Path file, String option) {
        Properties p = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the configuration file " + file.toAbsolutePath() + ": "
                    + e.getClass().getSimpleName() + ". Check the path given to " + option + ".", e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            values.put(name.trim(), p.getProperty(name).trim());
        }
        return values;
    }
}
