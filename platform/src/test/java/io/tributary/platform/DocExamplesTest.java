package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocExamplesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void fencedCommandsAreFoundWithTheirLineContinuationsJoinedAndCommentsDropped() {
        String md = """
                Text `./tributary status` outside a block is prose.
                ```bash
                ./tributary tail orders          # the last 10 events
                curl -s -X POST -H 'Content-Type: x' \\
                  --data '{"a":"#not a comment"}' \\
                  http://127.0.0.1:18081/subjects/demo-value/versions
                ```
                ```
                ./tributary demo [--duration 120s]
                lakehouse-job: 6 batches, 17,132 bronze rows
                ```
                ```java
                ./tributary status
                ```
                """;
        assertThat(DocExamples.commands("x.md", md)).containsExactly(
                new DocExamples.Command("x.md", 3, "./tributary tail orders", DocExamples.Needs.PIPELINE),
                new DocExamples.Command("x.md", 4, "curl -s -X POST -H 'Content-Type: x' --data '{\"a\":\"#not a comment\"}'"
                        + " http://127.0.0.1:18081/subjects/demo-value/versions", DocExamples.Needs.SERVERS),
                new DocExamples.Command("x.md", 9, "./tributary demo [--duration 120s]", DocExamples.Needs.NOT_A_STACK_COMMAND),
                new DocExamples.Command("x.md", 10, "lakehouse-job: 6 batches, 17,132 bronze rows",
                        DocExamples.Needs.NOT_A_STACK_COMMAND));
    }

    @Test
    void eachCommandIsSortedByWhatItNeeds() {
        assertThat(DocExamples.needs("./tributary status --json")).isEqualTo(DocExamples.Needs.SERVERS);
        assertThat(DocExamples.needs("eval \"$(./tributary env)\"")).isEqualTo(DocExamples.Needs.SERVERS);
        assertThat(DocExamples.needs("psql -c \"SELECT count(*) FROM shop.orders\"")).isEqualTo(DocExamples.Needs.SERVERS);
        assertThat(DocExamples.needs("./tributary logs kafka -n 100")).isEqualTo(DocExamples.Needs.SERVERS);
        assertThat(DocExamples.needs("./tributary sql \"SELECT 1\"")).isEqualTo(DocExamples.Needs.PIPELINE);
        assertThat(DocExamples.needs("curl -s http://127.0.0.1:18080/api/tables")).isEqualTo(DocExamples.Needs.SERVERS);
        assertThat(DocExamples.needs("./tributary cdc reset")).as("it drops the slot: never run by a docs test")
                .isEqualTo(DocExamples.Needs.NOT_A_STACK_COMMAND);
        assertThat(DocExamples.needs("curl -s -X POST http://127.0.0.1:18080/api/actions/reconcile"))
                .isEqualTo(DocExamples.Needs.PIPELINE);
        assertThat(DocExamples.needs("curl -s 127.0.0.1:18082/tables/parked")).isEqualTo(DocExamples.Needs.PIPELINE);
        assertThat(DocExamples.needs("curl -s http://127.0.0.1:18081/subjects/tributary.shop.orders-value/versions/latest"))
                .isEqualTo(DocExamples.Needs.PIPELINE);
        assertThat(DocExamples.needs("./tributary down")).isEqualTo(DocExamples.Needs.NOT_A_STACK_COMMAND);
        assertThat(DocExamples.needs("./tributary <command> --help")).isEqualTo(DocExamples.Needs.NOT_A_STACK_COMMAND);
    }

    @Test
    void theRepositorysDocsHaveServerExamplesAndTheReadmesPsqlBlock() {
        List<DocExamples.Command> commands = DocExamples.commands(ROOT);
        assertThat(commands).filteredOn(c -> c.needs() == DocExamples.Needs.SERVERS).extracting(DocExamples.Command::text)
                .contains("./tributary status", "./tributary status --json", "curl -s http://127.0.0.1:18081/config",
                        "./tributary logs kafka -n 100");
        assertThat(DocExamples.sqlBlocks(ROOT)).filteredOn(b -> b.needs() == DocExamples.Needs.SERVERS)
                .extracting(DocExamples.SqlBlock::file).containsExactly("README.md");
        assertThat(DocExamples.sqlBlocks(ROOT)).filteredOn(b -> b.needs() == DocExamples.Needs.PIPELINE)
                .extracting(DocExamples.SqlBlock::file).containsExactly("docs/gold.md");
        assertThat(DocExamples.sqlBlocks(ROOT).get(0).sql()).contains("\\d shop.orders").contains("pg_replication_slots");
    }
}
