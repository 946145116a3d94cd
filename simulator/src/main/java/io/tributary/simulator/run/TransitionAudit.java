package io.tributary.simulator.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Appends every committed order status change to a CSV file ({@code order_id,from_status,to_status}),
 * so the transitions of a run can be checked after the fact without triggers in the database.
 */
final class TransitionAudit implements AutoCloseable {

    private final BufferedWriter out;

    private TransitionAudit(BufferedWriter out) {
        this.out = out;
    }

    static TransitionAudit open(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write("order_id,from_status,to_status\n");
        return new TransitionAudit(out);
    }

    synchronized void record(List<Effects.Transition> transitions) {
        try {
            for (Effects.Transition t : transitions) {
                out.write(t.orderId() + "," + t.from().value() + "," + t.to().value() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transition audit file", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
