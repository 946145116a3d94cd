package io.tributary.stack;

/**
 * One node of the stack's KRaft cluster (broker and controller in one process).
 *
 * @param id             the KRaft node id (1, 2, 3, ...)
 * @param port           its broker listener on 127.0.0.1 (what clients bootstrap from)
 * @param controllerPort its controller listener on 127.0.0.1 (the quorum's votes)
 */
public record KafkaNode(int id, int port, int controllerPort) {

    /** Its process, log file and run record name: {@code kafka} for node 1 (as with one broker), else {@code kafka-<id>}. */
    public String name() {
        return id == 1 ? Service.KAFKA.id() : Service.KAFKA.id() + "-" + id;
    }

    /** {@code 127.0.0.1:<port>} */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }
}
