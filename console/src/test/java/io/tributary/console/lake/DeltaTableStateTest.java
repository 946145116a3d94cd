package io.tributary.console.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Delta log's commits parsed and replayed: versions with their operation and metrics, live files, schema. */
class DeltaTableStateTest {

    private static List<DeltaCommit> commits() {
        return List.of(DeltaCommit.parse(0, DeltaLogSamples.COMMIT_0, "c0"), DeltaCommit.parse(1, DeltaLogSamples.COMMIT_1, "c1"),
                DeltaCommit.parse(2, DeltaLogSamples.COMMIT_2, "c2"));
    }

    @Test
    void aCommitHasItsOperationMetricsTimestampAndFiles() {
        DeltaCommit merge = commits().get(2);
        assertThat(merge.operation()).isEqualTo("MERGE");
        assertThat(merge.timestamp()).isEqualTo(1796600010000L);
        assertThat(merge.operationMetrics()).containsEntry("numTargetRowsUpdated", "1").containsEntry("numTargetFilesRemoved", "1");
        assertThat(merge.removed()).containsExactly("part-00000-a.snappy.parquet");
        assertThat(merge.added()).extracting(DeltaCommit.AddedFile::path, DeltaCommit.AddedFile::deletionVector)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("part-00002-c.snappy.parquet", false),
                        org.assertj.core.groups.Tuple.tuple("part-00001-b.snappy.parquet", true));
        assertThat(merge.schemaString()).isNull();
        assertThat(commits().get(0).schemaString()).isEqualTo(DeltaLogSamples.SCHEMA_V0);
    }

    @Test
    void replayKeepsTheFilesAddedAndNotRemovedAtEachVersion() {
        DeltaTableState latest = DeltaTableState.replay(commits());
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.liveFiles()).extracting(DeltaCommit.AddedFile::path)
                .containsExactlyInAnyOrder("part-00001-b.snappy.parquet", "part-00002-c.snappy.parquet");
        assertThat(latest.totalBytes()).isEqualTo(1048 + 1500);
        assertThat(latest.schemaString()).isEqualTo(DeltaLogSamples.SCHEMA_V0);

        DeltaTableState first = DeltaTableState.replay(commits().subList(0, 2));
        assertThat(first.liveFiles()).extracting(DeltaCommit.AddedFile::path)
                .containsExactly("part-00000-a.snappy.parquet", "part-00001-b.snappy.parquet");
        assertThat(DeltaTableState.replay(commits().subList(0, 1)).liveFiles()).isEmpty();
    }

    @Test
    void replayRefusesAGapInTheVersions() {
        assertThatThrownBy(() -> DeltaTableState.replay(List.of(commits().get(0), commits().get(2))))
                .hasMessageContaining("skip from version 0 to 2");
    }

    @Test
    void aLineThatIsNotJsonIsNamedWithItsFileAndLine() {
        assertThatThrownBy(() -> DeltaCommit.parse(3, DeltaLogSamples.COMMIT_1 + "{not json\n", "silver/orders/_delta_log/00000000000000000003.json"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("silver/orders/_delta_log/00000000000000000003.json line 4");
    }

    @Test
    void theSchemaInSparkSqlWords() {
        JsonNode fields = DeltaSchemaText.fields(DeltaLogSamples.SCHEMA_V0);
        assertThat(fields).extracting(f -> f.get("name").asText() + " " + f.get("type").asText() + " " + f.get("nullable").asBoolean())
                .containsExactly("order_id bigint false", "status string true", "price decimal(12,2) true",
                        "_key struct<order_id:bigint> true", "_deleted boolean true");
    }

    @Test
    void logFileNamesGiveTheirVersions() {
        assertThat(DeltaLogFiles.commitVersion("silver/orders/_delta_log/00000000000000000012.json")).hasValue(12);
        assertThat(DeltaLogFiles.commitVersion("silver/orders/_delta_log/00000000000000000012.crc")).isEmpty();
        assertThat(DeltaLogFiles.commitVersion("silver/orders/_delta_log/_last_checkpoint")).isEmpty();
        assertThat(DeltaLogFiles.checkpointVersion("t/_delta_log/00000000000000000100.checkpoint.parquet")).hasValue(100);
        assertThat(DeltaLogFiles.checkpointVersion("t/_delta_log/00000000000000000100.checkpoint.0000000001.0000000002.parquet")).hasValue(100);
        assertThat(DeltaLogFiles.checkpointVersion("t/_delta_log/00000000000000000100.json")).isEmpty();
    }

    @Test
    void theSqlNameOfATableIsTheOneTributarySqlKnows() {
        assertThat(DeltaTableView.sqlName("lakehouse", "silver/orders/")).isEqualTo("silver_all.orders");
        assertThat(DeltaTableView.sqlName("lakehouse", "bronze/orders/")).isEqualTo("bronze.orders");
        assertThat(DeltaTableView.sqlName("lakehouse", "gold/revenue/daily/")).isEqualTo("delta.`s3a://lakehouse/gold/revenue/daily`");
        assertThat(LakeBrowser.parent("silver/orders/")).isEqualTo("silver/");
        assertThat(LakeBrowser.parent("silver/")).isEqualTo("");
        assertThat(LakeBrowser.parent("")).isNull();
    }
}
