package io.tributary.simulator.run;

import java.util.Locale;

/** The business events the simulator produces; the key is how {@code --mix} and metrics name them. */
public enum ChangeKind {
    /** A new customer signs up (1 insert). */
    SIGNUP,
    /** A basket of 1-3 orders in one transaction, each decrementing stock (insert + update per item). */
    ORDER,
    /** The shop moves 1-9 orders one step forward: placed -> paid -> shipped -> delivered (updates). */
    ADVANCE,
    /** A placed or paid order is cancelled: deleted, its stock given back (delete + update). */
    CANCEL,
    /** A product's price changes by -15%..+15% (update). */
    PRICE,
    /** A product is restocked (update). */
    RESTOCK,
    /** A customer moves to another city (update). */
    MOVE,
    /** A customer is erased with all their orders in one transaction (deletes). */
    ERASE,
    /** A flash sale: 10-40 orders in one transaction. */
    BURST;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
