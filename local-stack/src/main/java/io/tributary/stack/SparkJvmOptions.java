package io.tributary.stack;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options Spark 4.0 needs on Java 17 ({@code spark.java17.opens} of the parent POM, filtered into
 * build.properties): every process that runs lakehouse-job's classes (the stage, its tools, the scheduler's jobs).
 */
public final class SparkJvmOptions {
    private SparkJvmOptions() {
    }

    public static List<String> get() {
        String opens = BuildInfo.get("spark.java17.opens").trim();
        if (opens.isEmpty()) {
            throw new StackException("build.properties has an empty spark.java17.opens; rebuild local-stack with Maven");
        }
        return Arrays.asList(opens.split("\\s+"));
    }
}
