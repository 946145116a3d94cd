package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.simulator.load.Identifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The events a seeded run produces, pinned: for seed 42 and the default mix, the kinds chosen, the statements each
 * event sends with their bound values, and the rows it counts, over a connection without a database. A change of
 * the mix or of the SQL shows up here as a diff against {@code action-sequence-seed-42.txt}; when such a change is
 * meant, the new sequence is in {@code target/action-sequence-seed-42.txt} to review and copy over.
 */
class ActionSequenceTest {

    private static final String GOLDEN = "action-sequence-seed-42.txt";
    private static final int EVENTS = 600;
    private static final String KINDS_OF_THE_FIRST_40 =
            "advance,restock,order,advance,order,cancel,signup,restock,order,move,"
            + "price,advance,advance,advance,order,advance,advance,restock,order,advance,"
            + "cancel,move,move,advance,signup,order,restock,order,advance,restock,"
            + "signup,advance,advance,signup,order,advance,advance,price,order,order";

    private static ShopState shop() {
        return SampleShop.state();
    }

    /** Plans and runs the events, two per transaction; halfway the opt-in column appears, as after a schema change. */
    private static List<String> run() throws SQLException {
        SharedSchema schema = new SharedSchema();
        ActionPlanner planner = new ActionPlanner(42, Mix.defaultMix(), schema);
        ShopState state = shop();
        ShopTables tables = new ShopTables(Identifier.parse("shop").orElseThrow());
        RecordingConnection recording = new RecordingConnection();
        Connection c = recording.connection();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            if (i == EVENTS / 2) {
                schema.marketingOptIn = true;
            }
            if (i % 2 == 0) {
                planner.startTransaction();
            }
            ShopAction action = planner.next(state);
            Effects effects = new Effects();
            action.execute(c, tables, effects);
            effects.applyTo(state);
            lines.add(oneLine(i + " " + action.kind().key() + " " + action));
            recording.drain().forEach(statement -> lines.add(oneLine("  " + statement)));
            lines.add("  rows " + effects.rows() + " transitions " + effects.transitions().size()
                    + " out of stock " + effects.outOfStockCount());
        }
        return lines;
    }

    /** Gift notes may hold line breaks: escaped, so that one line of the file is one line of the sequence. */
    private static String oneLine(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    @Test
    void theDefaultMixWithSeed42SendsTheSameStatements() throws Exception {
        List<String> actual = run();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", GOLDEN), actual, StandardCharsets.UTF_8);
        assertThat(actual).isEqualTo(golden());
    }

    @Test
    void theDefaultMixWithSeed42ChoosesTheSameKinds() throws Exception {
        String kinds = run().stream().filter(line -> !line.startsWith(" ")).limit(40)
                .map(line -> line.split(" ")[1]).collect(Collectors.joining(","));
        assertThat(kinds).isEqualTo(KINDS_OF_THE_FIRST_40);
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = ActionSequenceTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("test resource " + GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
