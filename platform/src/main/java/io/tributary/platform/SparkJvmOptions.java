package io.tributary.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The JVM options Spark 4.0 needs on Java 17 ({@code spark.java17.opens} of the parent POM, filtered at build). */
final class SparkJvmOptions {
    private SparkJvmOptions() {
    }

    static List<String> get() {
        Properties p = new Properties();
        try (InputStream in = SparkJvmOptions.class.getResourceAsStream("/tributary-platform.properties")) {
            if (in == null) {
                throw new IllegalStateException("tributary-platform.properties is missing from the platform build;"
                        + " rebuild with ./mvnw -q -pl platform install -DskipTests");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read tributary-platform.properties: " + e.getMessage(), e);
        }
        String opens = p.getProperty("spark.java17.opens", "").trim();
        if (opens.isEmpty() || opens.contains("${")) {
            throw new IllegalStateException("spark.java17.opens was not filtered into tributary-platform.properties;"
                    + " rebuild the platform module with Maven");
        }
        return Arrays.asList(opens.split("\\s+"));
    }
}
