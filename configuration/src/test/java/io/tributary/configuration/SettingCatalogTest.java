package io.tributary.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingCatalogTest {
    static final SettingDefinition<String> HOST = SettingDefinition.define("tributary.demo.host", ValueType.text())
            .defaultValue("127.0.0.1").doc("Host.").build();
    static final SettingDefinition<Integer> PORT = SettingDefinition.define("tributary.demo.port", ValueType.integer())
            .defaultValue("15432").check(Check.between(1, 65_535)).doc("Port.").build();
    static final SettingDefinition<Duration> HEARTBEAT = SettingDefinition
            .define("tributary.demo.heartbeat.interval", ValueType.duration()).defaultValue("10s")
            .check(Check.notNegative()).doc("Heartbeat.").build();
    static final SettingDefinition<String> PASSWORD = SettingDefinition.define("tributary.demo.password", ValueType.text())
            .secret("password").doc("Password.").build();
    static final SettingDefinition<String> ENDPOINT = SettingDefinition.define("tributary.demo.endpoint", ValueType.text())
            .defaultValue("").doc("Endpoint (empty: none).").build();
    static final SettingDefinition<String> DATA_DIR = SettingDefinition.define("tributary.demo.data.dir", ValueType.text())
            .defaultValue("data").envAlias("TRIBUTARY_DATA_DIR").doc("Data directory.").build();

    static final SettingCatalog CATALOG = SettingCatalog.of("TRIBUTARY_DEMO_",
            List.of(HOST, PORT, HEARTBEAT, PASSWORD, ENDPOINT, DATA_DIR)).passingThrough("engine.");

    private static SettingValues parse(Map<String, String> file, Map<String, String> env, Map<String, String> set) {
        return CATALOG.parse(List.of(SettingSource.keys("--set", set), SettingSource.environment(env),
                SettingSource.keys("configuration file", file)));
    }

    private static ConfigException failure(Map<String, String> file, Map<String, String> env, Map<String, String> set) {
        try {
            parse(file, env, set).throwIfInvalid();
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("no problem found");
    }

    private static final Map<String, String> PW = Map.of("TRIBUTARY_DEMO_PASSWORD", "pw");

    @Test
    void defaultsAreParsedLikeValues() {
        SettingValues v = parse(Map.of(), PW, Map.of());
        v.throwIfInvalid();
        assertThat(v.get(HOST)).isEqualTo("127.0.0.1");
        assertThat(v.get(PORT)).isEqualTo(15432);
        assertThat(v.get(HEARTBEAT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(v.find(ENDPOINT)).isEmpty();
        assertThat(v.isSet(PORT)).isFalse();
        assertThat(v.isSet(PASSWORD)).isTrue();
    }

    @Test
    void setBeatsEnvironmentWhichBeatsTheFile() {
        SettingValues v = parse(Map.of("tributary.demo.host", "file", "tributary.demo.port", "1"),
                Map.of("TRIBUTARY_DEMO_PASSWORD", "x", "TRIBUTARY_DEMO_HOST", "env", "TRIBUTARY_DEMO_PORT", "2"),
                Map.of("tributary.demo.port", "3"));
        assertThat(v.get(HOST)).isEqualTo("env");
        assertThat(v.get(PORT)).isEqualTo(3);
    }

    @Test
    void everyProblemIsReportedAtOnceWithKeySourceValueAndExpectedForm() {
        ConfigException e = failure(Map.of("tributary.demo.port", "70000"),
                Map.of("TRIBUTARY_DEMO_HEARTBEAT_INTERVAL", "ten", "TRIBUTARY_DEMO_HEARTBEAT", "5s"), Map.of());
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "unknown setting TRIBUTARY_DEMO_HEARTBEAT (from environment); did you mean TRIBUTARY_DEMO_HEARTBEAT_INTERVAL?",
                "tributary.demo.port (from configuration file)='70000' must be between 1 and 65535",
                "TRIBUTARY_DEMO_HEARTBEAT_INTERVAL (from environment)='ten' is not a duration: use 500ms, 5s, 10s, 5m, 2h,"
                        + " 1d or PT10S",
                "tributary.demo.password is required: set TRIBUTARY_DEMO_PASSWORD or TRIBUTARY_DEMO_PASSWORD_FILE (Password.)");
        assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), e.problems()));
    }

    @Test
    void unknownKeysAreRejectedWithASuggestionButPassThroughKeysAreKept() {
        ConfigException e = failure(Map.of("tributary.demo.prot", "1", "engine.batch.size", "5", "whatever", "x"), PW,
                Map.of());
        assertThat(e.problems()).containsExactly(
                "Unknown key 'tributary.demo.prot' (from configuration file); did you mean tributary.demo.port?",
                "unknown setting whatever (from configuration file)");
        SettingValues v = parse(Map.of("engine.batch.size", "5"), PW, Map.of("engine.batch.size", "6"));
        assertThat(v.passThrough("engine.")).containsExactly(Map.entry("engine.batch.size", "6"));
    }

    @Test
    void otherPrefixesOfTheEnvironmentAreNotOurs() {
        SettingValues v = parse(Map.of(), Map.of("TRIBUTARY_DEMO_PASSWORD", "x", "TRIBUTARY_OTHER_THING", "1",
                "PATH", "/bin", "TRIBUTARY_DEMOX", "1"), Map.of());
        assertThat(v.problems()).isEmpty();
    }

    @Test
    void aFurtherOwnedPrefixRejectsItsUnknownVariablesToo() {
        SettingDefinition<String> tier = SettingDefinition.define("TRIBUTARY_EXTRA_TIER", ValueType.text())
                .defaultValue("gold").doc("A setting of a part of the stage named apart.").build();
        SettingCatalog catalog = SettingCatalog.of("TRIBUTARY_DEMO_", List.of(tier)).alsoOwning("TRIBUTARY_EXTRA_");

        SettingValues v = catalog.parse(List.of(SettingSource.environment(Map.of("TRIBUTARY_EXTRA_TEIR", "x",
                "TRIBUTARY_EXTRA_TIER", "silver", "TRIBUTARY_OTHER_X", "1"))));

        assertThat(v.problems()).containsExactly(
                "unknown setting TRIBUTARY_EXTRA_TEIR (from environment); did you mean TRIBUTARY_EXTRA_TIER?");
        assertThat(v.get(tier)).isEqualTo("silver");
    }

    @Test
    void noSuggestionWhenNothingIsClose() {
        ConfigException e = failure(Map.of(), Map.of("TRIBUTARY_DEMO_PASSWORD", "x", "TRIBUTARY_DEMO_COMPLETELY_ELSE", "1"),
                Map.of());
        assertThat(e.problems()).containsExactly("unknown setting TRIBUTARY_DEMO_COMPLETELY_ELSE (from environment)");
    }

    @Test
    void secretsComeFromFilesNamedInTheEnvironmentOrByKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from file\n");
        assertThat(parse(Map.of(), Map.of("TRIBUTARY_DEMO_PASSWORD_FILE", file.toString()), Map.of()).get(PASSWORD))
                .isEqualTo("from file");
        assertThat(parse(Map.of("tributary.demo.password.file", file.toString()), Map.of(), Map.of()).get(PASSWORD))
                .isEqualTo("from file");
        assertThat(parse(Map.of(), Map.of("TRIBUTARY_DEMO_PASSWORD", "direct",
                "TRIBUTARY_DEMO_PASSWORD_FILE", file.toString()), Map.of()).get(PASSWORD)).isEqualTo("direct");
    }

    @Test
    void theSecretFileReaderRemovesOneTrailingNewlineAndNothingElse(@TempDir Path dir) throws Exception {
        assertThat(SecretFile.read(Files.writeString(dir.resolve("a"), " pw \n\n"))).isEqualTo(" pw \n");
        assertThat(SecretFile.read(Files.writeString(dir.resolve("b"), "pw\r\n"))).isEqualTo("pw");
        assertThat(SecretFile.read(Files.writeString(dir.resolve("c"), "pw"))).isEqualTo("pw");
    }

    @Test
    void anUnreadableSecretFileIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("none").toString();
        ConfigException e = failure(Map.of(), Map.of("TRIBUTARY_DEMO_PASSWORD_FILE", missing), Map.of());
        assertThat(e.problems()).containsExactly("TRIBUTARY_DEMO_PASSWORD_FILE: cannot read the password file " + missing
                + " (from environment): NoSuchFileException; check that it exists and is readable");
    }

    @Test
    void secretsAreRedactedInProblemsAndDescriptions() {
        SettingDefinition<Integer> pin = SettingDefinition.define("tributary.demo.pin", ValueType.integer()).secret()
                .doc("PIN.").build();
        SettingCatalog catalog = SettingCatalog.of("TRIBUTARY_DEMO_", List.of(HOST, pin));
        SettingValues bad = catalog.parse(List.of(SettingSource.environment(Map.of("TRIBUTARY_DEMO_PIN", "12x4"))));
        assertThat(bad.problems()).containsExactly("TRIBUTARY_DEMO_PIN (from environment)=<redacted> is not a whole number");
        SettingValues good = catalog.parse(List.of(SettingSource.environment(Map.of("TRIBUTARY_DEMO_PIN", "1234"))));
        assertThat(good.describe()).isEqualTo("tributary.demo.host=127.0.0.1, tributary.demo.pin=<redacted>");
        assertThat(good.toString()).doesNotContain("1234");
        good.problem(pin, "must not be 1234");
        assertThat(good.problems()).containsExactly("TRIBUTARY_DEMO_PIN (from environment)=<redacted> must not be 1234");
    }

    @Test
    void emptyValuesAreUnsetForOptionalSettingsAndAProblemOtherwise() {
        SettingValues v = parse(Map.of(), Map.of("TRIBUTARY_DEMO_PASSWORD", "x", "TRIBUTARY_DEMO_ENDPOINT", " "),
                Map.of("tributary.demo.host", ""));
        assertThat(v.find(ENDPOINT)).isEmpty();
        assertThat(v.problems()).containsExactly("tributary.demo.host (from --set)='' must not be empty: Host.");
    }

    @Test
    void aliasesAreReadWhenTheOwnNameIsUnset() {
        assertThat(parse(Map.of(), Map.of("TRIBUTARY_DEMO_PASSWORD", "x", "TRIBUTARY_DATA_DIR", "/a"), Map.of())
                .get(DATA_DIR)).isEqualTo("/a");
        assertThat(parse(Map.of(), Map.of("TRIBUTARY_DEMO_PASSWORD", "x", "TRIBUTARY_DATA_DIR", "/a",
                "TRIBUTARY_DEMO_DATA_DIR", "/b"), Map.of()).get(DATA_DIR)).isEqualTo("/b");
    }

    @Test
    void keysInEnvironmentFormWorkInEverySource(@TempDir Path dir) throws Exception {
        SettingDefinition<String> secret = SettingDefinition.define("TRIBUTARY_S3_SECRET_KEY", ValueType.text())
                .defaultValue("").secret().doc("Secret.").build();
        SettingCatalog catalog = SettingCatalog.of("TRIBUTARY_S3_", List.of(secret));
        Path file = Files.writeString(dir.resolve("s"), "k\n");
        SettingValues v = catalog.parse(List.of(SettingSource.keys("--set",
                Map.of("TRIBUTARY_S3_SECRET_KEY_FILE", file.toString()))));
        assertThat(v.get(secret)).isEqualTo("k");
        assertThat(catalog.parse(List.of(SettingSource.keys("--set", Map.of("TRIBUTARY_S3_SECRT_KEY", "x")))).problems())
                .containsExactly("unknown setting TRIBUTARY_S3_SECRT_KEY (from --set); did you mean TRIBUTARY_S3_SECRET_KEY?");
    }

    @Test
    void theListingShowsNamesDefaultsAndMarksSecrets() {
        String listing = SettingListing.render(CATALOG);
        assertThat(listing).contains("tributary.demo.port / TRIBUTARY_DEMO_PORT (default: 15432)", "      Port.",
                "tributary.demo.password / TRIBUTARY_DEMO_PASSWORD (or TRIBUTARY_DEMO_PASSWORD_FILE) (default: required)"
                        + " [secret]",
                "tributary.demo.endpoint / TRIBUTARY_DEMO_ENDPOINT (default: empty)",
                "tributary.demo.data.dir / TRIBUTARY_DEMO_DATA_DIR (or TRIBUTARY_DATA_DIR) (default: data)");
    }

    @Test
    void everyDefinitionNeedsADescription() {
        assertThatThrownBy(() -> SettingDefinition.define("x", ValueType.text()).build())
                .hasMessageContaining("no description for x");
    }

    @Test
    void propertiesFilesAreReadTrimmedAndAMissingOneIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.properties"), " tributary.demo.host = h \n");
        assertThat(SettingCatalog.readPropertiesFile(file, "--config")).containsExactly(Map.entry("tributary.demo.host", "h"));
        assertThatThrownBy(() -> SettingCatalog.readPropertiesFile(dir.resolve("missing.properties"), "--config"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.properties").hasMessageContaining("--config");
    }
}
