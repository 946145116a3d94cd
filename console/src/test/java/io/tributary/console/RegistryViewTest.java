package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryViewTest {

    /** The bodies the registry answers (RegistryHttpServer), by path. */
    private static final Map<String, String> ANSWERS = Map.of(
            "/subjects", "[\"tributary.shop.orders-key\",\"tributary.shop.orders-value\"]",
            "/config", "{\"compatibilityLevel\":\"BACKWARD\"}",
            "/subjects/tributary.shop.orders-key/versions", "[1]",
            "/subjects/tributary.shop.orders-value/versions", "[1,2,3]",
            "/config/tributary.shop.orders-key?defaultToGlobal=true", "{\"compatibilityLevel\":\"BACKWARD\"}",
            "/config/tributary.shop.orders-value?defaultToGlobal=true", "{\"compatibilityLevel\":\"FULL\"}");

    @Test
    void subjectsWithTheirVersionsAndLevels() throws Exception {
        JsonNode json = new RegistryView(path -> Optional.ofNullable(ANSWERS.get(path))).json();
        assertThat(json.get("reachable").asBoolean()).isTrue();
        assertThat(json.get("compatibility").asText()).isEqualTo("BACKWARD");
        JsonNode value = json.get("subjects").get(1);
        assertThat(value.get("subject").asText()).isEqualTo("tributary.shop.orders-value");
        assertThat(value.get("versions")).extracting(JsonNode::asInt).containsExactly(1, 2, 3);
        assertThat(value.get("compatibility").asText()).isEqualTo("FULL");
        assertThat(json.get("subjects").get(0).get("versions")).extracting(JsonNode::asInt).containsExactly(1);
    }

    @Test
    void aRegistryThatDoesNotAnswerIsSaidSo() throws Exception {
        JsonNode json = new RegistryView(path -> Optional.empty()).json();
        assertThat(json.get("reachable").asBoolean()).isFalse();
        assertThat(json.get("subjects")).isEmpty();
        assertThat(json.get("compatibility").isNull()).isTrue();
    }
}
