package io.tributary.lakehouse.gold;

import java.io.Serializable;

/**
 * A customer as gold knows it from the customers' change stream (its latest image), reduced to what the enriched
 * topic carries: no email, phone or birth date. Any of the facts may be null.
 */
public record CustomerFacts(long customerId, String firstName, String lastName, String city, String country)
        implements Serializable {
}
