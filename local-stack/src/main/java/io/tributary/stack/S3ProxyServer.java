package io.tributary.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * S3Proxy (jar-with-dependencies) in its own JVM with the filesystem backend under {@code <data-dir>/s3/data}; the
 * bucket {@code lakehouse} is a folder there. Credentials come from the stack's secrets (AWS v2 or v4 signatures).
 */
final class S3ProxyServer implements ServerDefinition {
    private final StackSettings settings;
    private final Supplier<StackSecrets> secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    S3ProxyServer(StackSettings settings, Supplier<StackSecrets> secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return Service.S3.id();
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of(settings.ports().s3(), Service.S3.portOption());
    }

    private Path home() {
        return settings.serviceDir(Service.S3);
    }

    private Path basedir() {
        return home().resolve("data");
    }

    private Path properties() {
        return home().resolve("conf/s3proxy.properties");
    }

    private Path logback() {
        return home().resolve("conf/logback.xml");
    }

    String url() {
        return "http://127.0.0.1:" + settings.ports().s3();
    }

    S3Endpoint connectionInfo() {
        return new S3Endpoint(url(), S3Endpoint.REGION, S3Endpoint.BUCKET, secrets.get().s3AccessKey(), secrets.get().s3SecretKey());
    }

    @Override
    public void prepare() throws IOException {
        // The filesystem backend treats world-readable folders as public-read buckets: keep them owner-only.
        Files.createDirectories(basedir().resolve(S3Endpoint.BUCKET));
        Files.setPosixFilePermissions(basedir(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(basedir().resolve(S3Endpoint.BUCKET), PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(properties().getParent());
        Files.deleteIfExists(properties());
        // holds the credentials: owner-only
        Files.writeString(Files.createFile(properties(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                "# Written by the Tributary local stack on every start (contains the S3 credentials: mode 600)\n"
                        + "s3proxy.endpoint=" + url() + "\n"
                        + "s3proxy.authorization=aws-v2-or-v4\n"
                        + "s3proxy.identity=" + secrets.get().s3AccessKey() + "\n"
                        + "s3proxy.credential=" + secrets.get().s3SecretKey() + "\n"
                        + "jclouds.provider=filesystem\n"
                        + "jclouds.filesystem.basedir=" + basedir() + "\n"
                        + "jclouds.region=" + S3Endpoint.REGION + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(logback(), """
                <configuration>
                  <!-- S3Proxy logs at DEBUG without a configuration: keep it to warnings plus its start line -->
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.gaul.s3proxy" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
    }

    @Override
    public ProcessSpec processSpec() {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaBinary());
        command.addAll(settings.s3JvmOptions());
        command.add("-Djava.io.tmpdir=" + settings.tmpDir());
        command.add("-Dlogback.configurationFile=" + logback());
        command.add("-jar");
        command.add(jar().toString());
        command.add("--properties");
        command.add(properties().toString());
        return new ProcessSpec(Service.S3.id(), command, Map.of(), home(), settings.logFile(Service.S3.id()), StopSignal.TERM);
    }

    /** An S3 answer from the server: an anonymous request is refused with an S3 XML error (403 AccessDenied). */
    @Override
    public Probe probe() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/" + S3Endpoint.BUCKET))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if ((response.statusCode() == 403 || response.statusCode() == 200) && body.contains("<?xml")) {
                return Probe.up("S3Proxy answers (HTTP " + response.statusCode() + ")");
            }
            return Probe.down("unexpected answer HTTP " + response.statusCode());
        } catch (IOException e) {
            return Probe.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.down("interrupted");
        }
    }

    @Override
    public Path dataDir() {
        return basedir();
    }

    @Override
    public String endpoint() {
        return url();
    }

    static Path jar() {
        Path repository = Path.of(BuildInfo.get("s3proxy.jar.repository"));
        if (Files.isRegularFile(repository)) {
            return repository;
        }
        Path staged = Path.of(BuildInfo.get("s3proxy.jar.staged"));
        if (Files.isRegularFile(staged)) {
            return staged;
        }
        throw new StackException("S3Proxy " + BuildInfo.get("s3proxy.version") + " is neither at " + repository + " nor at "
                + staged + "; run ./mvnw -q -pl local-stack install -DskipTests to fetch it");
    }
}
