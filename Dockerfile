# syntax=docker/dockerfile:1
# Multi-stage build of Tributary's pipeline services (and the scheduler) from this repository.
#   docker compose build            (docker-compose.yml picks the targets below)
# Each service gets its own image and its own classpath (Spark 4.0 needs kafka-clients 3.9,
# Debezium 3.6 needs 4.x), exactly as in the local stack.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -DskipTests install \
 && for m in simulator cdc-engine lakehouse-job scheduler platform; do \
      ./mvnw -q -pl "$m" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="/out/$m/lib" \
      && cp "$m/target/$m-"*.jar "/out/$m/"; \
    done

FROM eclipse-temurin:17-jre AS runtime-base
RUN useradd --system --uid 10001 --home-dir /app tributary
WORKDIR /app

FROM runtime-base AS simulator
COPY --from=build /out/simulator /app
COPY csv-data /app/csv-data
USER tributary
ENV TRIBUTARY_CSV_DATA=/app/csv-data
ENTRYPOINT ["java", "-cp", "/app/*:/app/lib/*", "io.tributary.simulator.SimulatorMain"]

FROM runtime-base AS cdc-engine
COPY --from=build /out/cdc-engine /app
RUN mkdir -p /var/lib/tributary && chown tributary /var/lib/tributary
USER tributary
ENV TRIBUTARY_CDC_DATA_DIR=/var/lib/tributary
ENTRYPOINT ["java", "-cp", "/app/*:/app/lib/*", "io.tributary.cdc.CdcEngineMain"]

FROM runtime-base AS lakehouse-job
COPY --from=build /out/lakehouse-job /app
RUN mkdir -p /var/lib/tributary && chown tributary /var/lib/tributary
USER tributary
ENV TRIBUTARY_LAKEHOUSE_DATA_DIR=/var/lib/tributary
# Spark 4 on Java 17 needs these module opens (the same list as the Maven build's spark.java17.opens)
ENV JDK_JAVA_OPTIONS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
ENTRYPOINT ["java", "-cp", "/app/*:/app/lib/*", "io.tributary.lakehouse.LakehouseJobMain"]

# The scheduler: Quartz on its own classpath; its jobs run lakehouse-job's batch commands from a copy of that image's
# jars (each run is a child JVM on lakehouse-job's classpath, as in the local stack)
FROM runtime-base AS scheduler
COPY --from=build /out/scheduler /app
COPY --from=build /out/lakehouse-job /app/lakehouse-job
RUN mkdir -p /var/lib/tributary && chown tributary /var/lib/tributary
USER tributary
ENV TRIBUTARY_SCHEDULER_DATA_DIR=/var/lib/tributary
ENV TRIBUTARY_SCHEDULER_JOB_CLASSPATH="/app/lakehouse-job/*:/app/lakehouse-job/lib/*"
ENTRYPOINT ["java", "-cp", "/app/*:/app/lib/*", "io.tributary.scheduler.SchedulerMain"]

# The web console (compose's console service): the `tributary console` command of module platform, reading the servers
# by their addresses (TRIBUTARY_* environment, the stages' URLs as options)
FROM runtime-base AS console
COPY --from=build /out/platform /app
RUN mkdir -p /var/lib/tributary && chown tributary /var/lib/tributary
USER tributary
ENTRYPOINT ["java", "-cp", "/app/*:/app/lib/*", "io.tributary.platform.TributaryMain"]

# The same job on a Spark standalone cluster (compose profile "spark-cluster"): Spark's own image
# provides Spark; we add only what Spark lacks (Delta, hadoop-aws + AWS SDK, our serde and job).
FROM apache/spark:4.0.1 AS lakehouse-job-submit
USER root
COPY --from=build /out/lakehouse-job /opt/tributary
# drop every jar that Spark's image already ships (same artifact name), keep the rest
RUN cd /opt/tributary/lib \
 && for jar in *.jar; do \
      name="$(echo "$jar" | sed -E 's/-[0-9][^-]*([.-].*)?\.jar$//')"; \
      if ls /opt/spark/jars/"$name"-[0-9]*.jar >/dev/null 2>&1; then rm "$jar"; fi; \
    done \
 && chown -R spark /opt/tributary
USER spark
ENTRYPOINT ["/bin/bash", "-c", "exec /opt/spark/bin/spark-submit --master \"$SPARK_MASTER_URL\" --deploy-mode client --class io.tributary.lakehouse.LakehouseJobMain --jars \"$(ls /opt/tributary/lib/*.jar | tr '\\n' ',')\" /opt/tributary/lakehouse-job-*.jar \"$@\"", "--"]
