package io.tributary.simulator.run;

import java.util.List;

/**
 * One bulk-mode transaction, decided before it runs (so a retry repeats it exactly): the rows each multi-row
 * statement writes. Every list holds distinct keys, all owned by the worker that planned it.
 */
record BulkBatch(List<NewCustomer> signups, List<CustomerMove> moves, List<Restock> restocks, List<NewOrder> orders,
                 List<StatusStep> advances, List<Long> cancellations) {

    /** A sign-up (customers INSERT). */
    record NewCustomer(String firstName, String lastName, String email, String city, String country,
                       boolean loyaltyMember) {
    }

    /** A customer moves (customers UPDATE). */
    record CustomerMove(long customerId, String city, String country) {
    }

    /** Goods arrive for a product (products UPDATE). */
    record Restock(long productId, int quantity) {
    }

    /** An order placed by an existing customer for an existing product, at its current price (orders INSERT). */
    record NewOrder(long customerId, long productId, int quantity, String giftNote) {
    }

    /** An open order moves one status forward (orders UPDATE guarded by the current status). */
    record StatusStep(long orderId, OrderStatus from) {
        OrderStatus to() {
            return from.next();
        }
    }

    BulkBatch {
        signups = List.copyOf(signups);
        moves = List.copyOf(moves);
        restocks = List.copyOf(restocks);
        orders = List.copyOf(orders);
        advances = List.copyOf(advances);
        cancellations = List.copyOf(cancellations);
    }

    /** The row changes this batch makes when every guard holds (it does when the worker's state is right). */
    int plannedChanges() {
        return signups.size() + moves.size() + restocks.size() + orders.size() + advances.size() + cancellations.size();
    }
}
