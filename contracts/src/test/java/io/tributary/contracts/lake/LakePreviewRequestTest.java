package io.tributary.contracts.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LakePreviewRequestTest {

    @ParameterizedTest
    @CsvSource({
            "silver/orders/, silver/orders",
            "silver/orders, silver/orders",
            "bronze/order_items, bronze/order_items",
            "quarantine, quarantine",
            "quarantine/, quarantine",
            "history/customers, history/customers",
            "gold/daily_sales, gold/daily_sales"})
    void acceptsTheTablesOfTheLakesLayers(String path, String table) {
        LakePreviewRequest request = LakePreviewRequest.parse(path, null, null);
        assertThat(request.path()).isEqualTo(table);
        assertThat(request.version()).isEmpty();
        assertThat(request.limit()).isEqualTo(100);
    }

    @Test
    void takesAVersionAndALimitAndWritesTheQueryBack() {
        LakePreviewRequest request = LakePreviewRequest.parse("silver/orders/", "0", "7");
        assertThat(request).isEqualTo(new LakePreviewRequest("silver/orders", OptionalLong.of(0), 7));
        assertThat(request.query()).isEqualTo("path=silver%2Forders&version=0&limit=7");
        assertThat(LakePreviewRequest.parse("quarantine", "", "").query()).isEqualTo("path=quarantine&limit=100");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                         | the parameter path is missing",
            "../secrets                 | path=../secrets: a table's path under the lake's root, without a scheme",
            "silver/../_checkpoints     | path=silver/../_checkpoints: a table's path",
            "s3a://lakehouse/silver/x   | path=s3a://lakehouse/silver/x: a table's path under the lake's root, without a scheme",
            "/silver/orders             | path=/silver/orders: a table's path",
            "_checkpoints/lakehouse-job | path=_checkpoints/lakehouse-job is no table of the lake: name one as bronze/<table>",
            "silver                     | path=silver is no table of the lake",
            "silver/orders/_delta_log   | path=silver/orders/_delta_log is no table of the lake",
            "_table_states              | path=_table_states is no table of the lake"})
    void refusesAnyOtherPathNamingTheParameter(String path, String message) {
        assertThatThrownBy(() -> LakePreviewRequest.parse(path, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-1  | ''   | version=-1: a version is 0 or more",
            "one | ''   | version=one is not a whole number",
            "''  | 0    | limit=0: a preview has 1 to 100 rows",
            "''  | 101  | limit=101: a preview has 1 to 100 rows",
            "''  | 1e3  | limit=1e3 is not a whole number"})
    void refusesAVersionBelowZeroAndALimitOutsideOneToAHundred(String version, String limit, String message) {
        assertThatThrownBy(() -> LakePreviewRequest.parse("silver/orders", version, limit))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
