package io.tributary.cdc.parking;

/**
 * Names of the parking topics: one per table, {@code <prefix>._parked.<schema>.<table>} (e.g.
 * {@code tributary._parked.shop.orders}), one partition, so a table's parked changes keep their order. The
 * {@code _parked} segment keeps them out of consumers' change-topic patterns ({@code <prefix>\.<schema>\.[^.]+}).
 */
public final class ParkingTopics {
    public static final String SEGMENT = "_parked";

    private final String prefix;

    public ParkingTopics(String prefix) {
        this.prefix = prefix;
    }

    /** The parking topic of a change topic: {@code tributary.shop.orders} -> {@code tributary._parked.shop.orders}. */
    public String of(String changeTopic) {
        String head = prefix + ".";
        return changeTopic.startsWith(head)
                ? head + SEGMENT + "." + changeTopic.substring(head.length())
                : head + SEGMENT + "." + changeTopic;
    }
}
