package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browsing pages and endpoints: routes, parameters checked with the parameter named, sources not known. */
class BrowseApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleApi api;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        api = new ConsoleApi(new FixedSources(), new MetricHistory(Duration.ofMinutes(15)),
                ConsoleToken.loadOrCreate(dir.resolve(ConsoleToken.FILE_NAME)), () -> new RegistryView(SchemaDiffTest::registry));
    }

    @Test
    void everyBrowsingPathServesTheBrowsingPage() throws Exception {
        for (String path : new String[] {"/lake", "/lake?path=silver%2Forders%2F", "/topics", "/topics/tributary.shop.orders?partition=0&last=20",
                "/schemas", "/schemas/tributary.shop.orders-value"}) {
            ConsoleResponse page = api.handle("GET", path, null);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.bodyText()).contains("/static/browse.js").doesNotContain("https://");
        }
        assertThat(api.handle("GET", "/static/browse.js", null).bodyText()).contains("/api/lake", "/api/topics", "/api/schemas/");
        assertThat(api.handle("GET", "/", null).bodyText()).contains("href=\"/lake\"", "href=\"/topics\"", "href=\"/schemas\"");
    }

    @Test
    void aSubjectWithItsVersionsAndTheirDifference() throws Exception {
        ConsoleResponse response = api.handle("GET", "/api/schemas/tributary.shop.orders-value?from=1&to=2", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode subject = JSON.readTree(response.bodyText());
        assertThat(subject.get("subject").asText()).isEqualTo("tributary.shop.orders-value");
        assertThat(subject.get("fields").findValuesAsText("change")).contains("same", "changed", "removed", "added");
        ConsoleResponse missing = api.handle("GET", "/api/schemas/tributary.shop.nothing-value", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.bodyText()).contains("no subject tributary.shop.nothing-value");
        assertThat(api.handle("GET", "/api/schemas/tributary.shop.orders-value?to=7", null).bodyText())
                .contains("version 7 of tributary.shop.orders-value does not exist");
    }

    @Test
    void aBadParameterIsRefusedWithItsName() throws Exception {
        ConsoleResponse last = api.handle("GET", "/api/topics/tributary.shop.orders?last=many", null);
        assertThat(last.status()).isEqualTo(400);
        assertThat(JSON.readTree(last.bodyText()).get("error").asText()).isEqualTo("last=many is not a number of 0 or more");
        assertThat(api.handle("GET", "/api/topics/tributary.shop.orders?last=100000", null).bodyText()).contains("last=100000 is more than 500");
        assertThat(api.handle("GET", "/api/lake/table", null).bodyText()).contains("the parameter path is missing");
        assertThat(api.handle("GET", "/api/schemas/a%2Fb", null).status()).isEqualTo(400);
    }

    @Test
    void sourcesTheConsoleDoesNotKnowAreNamed() throws Exception {
        ConsoleResponse lake = api.handle("GET", "/api/lake?path=silver%2F", null);
        assertThat(lake.status()).isEqualTo(503);
        assertThat(lake.bodyText()).contains("the lake's S3 is not known");
        ConsoleResponse topics = api.handle("GET", "/api/topics", null);
        assertThat(topics.status()).isEqualTo(503);
        assertThat(topics.bodyText()).contains("Kafka is not known");
        assertThat(JSON.readTree(api.handle("GET", "/api/links", null).bodyText()).get("sparkUi").isNull()).isTrue();
    }

    @Test
    void theQueryStringIsDecoded() {
        QueryParameters query = new QueryParameters("path=silver%2Forders%2F&token=a+b%3D&max=50&path=ignored");
        assertThat(query.text("path", "")).isEqualTo("silver/orders/");
        assertThat(query.text("token", null)).isEqualTo("a b=");
        assertThat(query.number("max")).hasValue(50);
        assertThat(query.number("version")).isEmpty();
        assertThat(Optional.ofNullable(query.text("none", null))).isEmpty();
    }
}
