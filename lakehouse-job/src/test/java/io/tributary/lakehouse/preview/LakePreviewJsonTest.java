package io.tributary.lakehouse.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakePreviewJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRowsAreObjectsUnderTheVersionAndColumns() throws Exception {
        JsonNode answer = JSON.readTree(LakePreviewJson.render(new LakePreviewResult("quarantine", 3, 5,
                List.of("_table", "_error"), List.of("{\"_table\":\"payments\",\"_error\":\"not Avro\"}", "{\"_table\":\"orders\"}")),
                1000));
        assertThat(answer.get("path").asText()).isEqualTo("quarantine");
        assertThat(answer.get("version").asLong()).isEqualTo(3);
        assertThat(answer.get("latestVersion").asLong()).isEqualTo(5);
        assertThat(answer.get("columns")).extracting(JsonNode::asText).containsExactly("_table", "_error");
        assertThat(answer.get("rows").get(0).get("_error").asText()).isEqualTo("not Avro");
        assertThat(answer.get("rows").get(1).has("_error")).as("a null has no field").isFalse();
        assertThat(answer.get("rowsLeftOut").asInt()).isZero();
        assertThat(answer.get("note").isNull()).isTrue();
    }

    @Test
    void rowsPastTheBoundAreLeftOutAndCounted() throws Exception {
        String row = "{\"_raw_value\":\"" + "A".repeat(80) + "\"}"; // 97 characters
        JsonNode answer = JSON.readTree(LakePreviewJson.render(new LakePreviewResult("quarantine", 0, 0,
                List.of("_raw_value"), List.of(row, row, row)), 200));
        assertThat(answer.get("rows")).hasSize(2);
        assertThat(answer.get("rowsLeftOut").asInt()).isEqualTo(1);
        assertThat(answer.get("note").asText())
                .isEqualTo("1 of the 3 rows read are left out: the preview's rows are bounded to 200 characters of JSON");
    }
}
