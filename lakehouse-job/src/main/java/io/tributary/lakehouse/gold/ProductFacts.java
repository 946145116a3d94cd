package io.tributary.lakehouse.gold;

import java.io.Serializable;
import java.math.BigDecimal;

/** A product as gold knows it from the products' change stream (its latest image); any of the facts may be null. */
public record ProductFacts(long productId, String name, String category, BigDecimal price) implements Serializable {
}
