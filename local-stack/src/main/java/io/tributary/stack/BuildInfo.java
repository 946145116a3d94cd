package io.tributary.stack;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts recorded when local-stack was built (io/tributary/stack/build.properties, filtered by Maven). */
final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new StackException("io/tributary/stack/build.properties is missing; rebuild local-stack");
            }
            p.load(in);
        } catch (IOException e) {
            throw new StackException("Cannot read io/tributary/stack/build.properties: " + e.getMessage(), e);
        }
        return p;
    }

    static String get(String key) {
        String value = PROPS.getProperty(key);
        if (value == null || value.contains("${")) {
            throw new StackException("build.properties has no value for " + key + "; rebuild local-stack");
        }
        return value;
    }
}
