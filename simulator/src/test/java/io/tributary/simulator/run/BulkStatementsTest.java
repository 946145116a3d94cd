package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.simulator.load.Identifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The multi-row SQL of bulk mode, without a server: shape, placeholders, parameter order, no value in the text. */
class BulkStatementsTest {

    private static final BulkStatements SQL = new BulkStatements(new ShopTables(new Identifier("shop")));

    private static long placeholders(String sql) {
        return sql.chars().filter(ch -> ch == '?').count();
    }

    @Test
    void aValuesListTypesItsFirstRowOnly() {
        assertThat(BulkStatements.values(1, "bigint")).isEqualTo("(VALUES (?::bigint))");
        assertThat(BulkStatements.values(3, "bigint", "text"))
                .isEqualTo("(VALUES (?::bigint, ?::text), (?, ?), (?, ?))");
    }

    @Test
    void ordersAreInsertedFromAValuesListJoinedToTheirCustomerAndProduct() {
        String hostile = "Happy birthday'); DROP TABLE shop.orders; --";
        BulkStatements.MultiRowStatement s = SQL.insertOrders(List.of(
                new BulkBatch.NewOrder(7, 3, 2, hostile), new BulkBatch.NewOrder(9, 4, 1, null)));
        assertThat(s.sql()).isEqualTo("INSERT INTO \"shop\".\"orders\" (customer_id, product_id, quantity, unit_price,"
                + " status, ordered_at, shipping_city, gift_note, updated_at) SELECT c.customer_id, p.product_id,"
                + " v.quantity, p.price, 'placed', now(), c.city, v.gift_note, now() FROM (VALUES (?::bigint, ?::bigint,"
                + " ?::integer, ?::text), (?, ?, ?, ?)) AS v (customer_id, product_id, quantity, gift_note)"
                + " JOIN \"shop\".\"customers\" AS c ON c.customer_id = v.customer_id"
                + " JOIN \"shop\".\"products\" AS p ON p.product_id = v.product_id RETURNING order_id");
        assertThat(s.parameters()).containsExactly(7L, 3L, 2, hostile, 9L, 4L, 1, null);
        assertThat(s.sql()).doesNotContain("DROP", "birthday");
    }

    @Test
    void statusStepsAreOneUpdatePerStatusOfAnArrayOfKeysGuardedByThatStatus() {
        BulkStatements.MultiRowStatement s = SQL.advanceOrders(OrderStatus.SHIPPED, List.of(11L, 12L));
        assertThat(s.sql()).isEqualTo("UPDATE \"shop\".\"orders\" SET status = ?, updated_at = now()"
                + " WHERE order_id = ANY(?) AND status = ? RETURNING order_id");
        assertThat(s.parameters()).hasSize(3);
        assertThat(s.parameters().get(0)).isEqualTo("delivered");
        assertThat((long[]) s.parameters().get(1)).containsExactly(11, 12);
        assertThat(s.parameters().get(2)).isEqualTo("shipped");
    }

    @Test
    void cancellationsAreOneDeleteOfAnArrayOfKeysStillPlacedOrPaid() {
        BulkStatements.MultiRowStatement s = SQL.cancelOrders(List.of(5L, 8L, 13L));
        assertThat(s.sql()).isEqualTo("DELETE FROM \"shop\".\"orders\" WHERE order_id = ANY(?)"
                + " AND status IN ('placed', 'paid') RETURNING order_id");
        assertThat(s.parameters()).hasSize(1);
        assertThat((long[]) s.parameters().get(0)).containsExactly(5, 8, 13);
    }

    @Test
    void signUpsAreAMultiRowInsertValues() {
        BulkStatements.MultiRowStatement s = SQL.insertCustomers(List.of(
                new BulkBatch.NewCustomer("Zoë", "Nguyễn", "zoe@example.com", "Łódź", "Poland", true),
                new BulkBatch.NewCustomer("Søren", "Groß", "s@example.org", "Reykjavík", "Iceland", false)));
        assertThat(s.sql()).isEqualTo("INSERT INTO \"shop\".\"customers\" (first_name, last_name, email, city, country,"
                + " signup_at, loyalty_member, updated_at) VALUES (?, ?, ?, ?, ?, now(), ?, now()),"
                + " (?, ?, ?, ?, ?, now(), ?, now()) RETURNING customer_id");
        assertThat(s.parameters()).containsExactly("Zoë", "Nguyễn", "zoe@example.com", "Łódź", "Poland", true,
                "Søren", "Groß", "s@example.org", "Reykjavík", "Iceland", false);
    }

    @Test
    void movesAndRestocksAreUpdatesFromValues() {
        BulkStatements.MultiRowStatement move = SQL.moveCustomers(List.of(new BulkBatch.CustomerMove(4, "Kathmandu", "Nepal")));
        assertThat(move.sql()).isEqualTo("UPDATE \"shop\".\"customers\" AS c SET city = v.city, country = v.country,"
                + " updated_at = now() FROM (VALUES (?::bigint, ?::text, ?::text)) AS v (customer_id, city, country)"
                + " WHERE c.customer_id = v.customer_id");
        assertThat(move.parameters()).containsExactly(4L, "Kathmandu", "Nepal");
        BulkStatements.MultiRowStatement restock = SQL.restockProducts(List.of(new BulkBatch.Restock(2, 50),
                new BulkBatch.Restock(6, 10)));
        assertThat(restock.sql()).isEqualTo("UPDATE \"shop\".\"products\" AS p SET stock = p.stock + v.quantity,"
                + " updated_at = now() FROM (VALUES (?::bigint, ?::integer), (?, ?)) AS v (product_id, quantity)"
                + " WHERE p.product_id = v.product_id");
        assertThat(restock.parameters()).containsExactly(2L, 50, 6L, 10);
    }

    @Test
    void everyStatementHasOnePlaceholderPerParameterAndStaysUnderTheProtocolLimitAtTheLargestBatch() {
        int n = RunSettings.MAX_BATCH_SIZE;
        List<BulkStatements.MultiRowStatement> largest = List.of(
                SQL.insertCustomers(repeat(n, i -> new BulkBatch.NewCustomer("A", "B", "a" + i, "C", "D", false))),
                SQL.moveCustomers(repeat(n, i -> new BulkBatch.CustomerMove(i, "C", "D"))),
                SQL.restockProducts(repeat(n, i -> new BulkBatch.Restock(i, 1))),
                SQL.insertOrders(repeat(n, i -> new BulkBatch.NewOrder(i, i, 1, null))),
                SQL.advanceOrders(OrderStatus.PAID, LongStream.rangeClosed(1, n).boxed().toList()),
                SQL.cancelOrders(Arrays.stream(LongStream.rangeClosed(1, n).toArray()).boxed().toList()));
        for (BulkStatements.MultiRowStatement s : largest) {
            assertThat(placeholders(s.sql())).as(s.sql().substring(0, 40)).isEqualTo(s.parameters().size());
            // the PostgreSQL wire protocol counts bind parameters in 16 bits
            assertThat(s.parameters().size()).isLessThanOrEqualTo(65_535);
        }
    }

    @Test
    void anEmptyListIsRefusedBecauseVALUESNeedsARow() {
        assertThatThrownBy(() -> SQL.insertOrders(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no orders to write");
        assertThatThrownBy(() -> SQL.cancelOrders(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no cancellations");
    }

    private static <T> List<T> repeat(int n, Function<Long, T> row) {
        List<T> rows = new ArrayList<>(n);
        for (long i = 1; i <= n; i++) {
            rows.add(row.apply(i));
        }
        return rows;
    }
}
