package io.tributary.cdc.parking;

/** Reads the parked changes of one parking incident, in the order they were parked. */
public interface ParkedChangeSource {
    /** One parked record: its offset in the parking topic and its JSON document. */
    record Parked(long offset, byte[] json) {
    }

    interface Action {
        void accept(Parked parked) throws InterruptedException;
    }

    /** Calls {@code action} for every record of {@code table}'s current incident, up to the topic's end now. */
    void forEach(ParkedTable table, Action action) throws InterruptedException;
}
