package io.tributary.simulator.generate;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes customers.csv, products.csv and orders.csv for a believable online shop. Deterministic: the
 * same scale and seed give byte-identical files on any machine. Streams to disk row by row; memory is
 * a few arrays of longs per customer and product, whatever the scale.
 *
 * <p>Scale 1: 1,200 customers, 240 products, 12,000 orders; scale N: N times as many.
 */
public final class ShopDataGenerator {

    public static final int CUSTOMERS_PER_SCALE = 1_200;
    public static final int PRODUCTS_PER_SCALE = 240;
    public static final int ORDERS_PER_SCALE = 12_000;

    static final List<String> CUSTOMER_HEADER = List.of("customer_id", "first_name", "last_name", "email", "phone",
            "city", "country", "signup_at", "birth_date", "loyalty_member", "notes", "updated_at");
    static final List<String> PRODUCT_HEADER = List.of("product_id", "sku", "name", "category", "description",
            "price", "stock", "weight_kg", "active", "created_at", "updated_at");
    static final List<String> ORDER_HEADER = List.of("order_id", "customer_id", "product_id", "quantity",
            "unit_price", "status", "ordered_at", "shipping_city", "gift_note", "updated_at");

    /** The business starts on this instant; every generated timestamp is after it. */
    private static final long EPOCH_START = Instant.parse("2021-01-01T00:00:00Z").getEpochSecond();
    private static final long EPOCH_END = Instant.parse("2024-12-31T23:59:59Z").getEpochSecond();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final int scale;
    private final long seed;

    public ShopDataGenerator(int scale, long seed) {
        if (scale < 1) {
            throw new IllegalArgumentException("--scale must be >= 1, got " + scale);
        }
        this.scale = scale;
        this.seed = seed;
    }

    /** Row counts written per file. */
    public record Counts(long customers, long products, long orders) {
    }

    public Counts writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        int customers = CUSTOMERS_PER_SCALE * scale;
        int products = PRODUCTS_PER_SCALE * scale;
        int orders = ORDERS_PER_SCALE * scale;
        long[] signupAt = new long[customers + 1];
        int[] customerCity = new int[customers + 1];
        int[] priceCents = new int[products + 1];
        // one independent stream per file, so that each file depends only on the seed
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom customerRandom = root.split();
        SplittableRandom productRandom = root.split();
        SplittableRandom orderRandom = root.split();
        try (ICSVWriter out = writer(dir.resolve("customers.csv"))) {
            out.writeNext(CUSTOMER_HEADER.toArray(String[]::new), false);
            for (int id = 1; id <= customers; id++) {
                out.writeNext(customer(customerRandom, id, signupAt, customerCity), false);
            }
        }
        try (ICSVWriter out = writer(dir.resolve("products.csv"))) {
            out.writeNext(PRODUCT_HEADER.toArray(String[]::new), false);
            for (int id = 1; id <= products; id++) {
                out.writeNext(product(productRandom, id, priceCents), false);
            }
        }
        try (ICSVWriter out = writer(dir.resolve("orders.csv"))) {
            out.writeNext(ORDER_HEADER.toArray(String[]::new), false);
            for (int id = 1; id <= orders; id++) {
                out.writeNext(order(orderRandom, id, customers, products, signupAt, customerCity, priceCents), false);
            }
        }
        return new Counts(customers, products, orders);
    }

    private static ICSVWriter writer(Path file) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        return new CSVWriterBuilder(w).withLineEnd("\n").build();
    }

    private static String[] customer(SplittableRandom r, int id, long[] signupAt, int[] customerCity) {
        String first = pick(r, ShopVocabulary.FIRST_NAMES);
        String last = pick(r, ShopVocabulary.LAST_NAMES);
        int city = r.nextInt(ShopVocabulary.CITIES.size());
        ShopVocabulary.City c = ShopVocabulary.CITIES.get(city);
        long signup = EPOCH_START + r.nextLong(EPOCH_END - EPOCH_START - 86_400L * 30);
        signupAt[id] = signup;
        customerCity[id] = city;
        String email = ShopVocabulary.ascii(first) + "." + ShopVocabulary.ascii(last) + "." + id + "@"
                + pick(r, ShopVocabulary.DOMAINS);
        String phone = r.nextInt(100) < 15 ? null
                : "+" + (1 + r.nextInt(98)) + " " + (100 + r.nextInt(900)) + " " + (1_000_000 + r.nextInt(9_000_000));
        String birth = r.nextInt(100) < 20 ? null
                : LocalDate.of(1940 + r.nextInt(66), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString();
        String loyalty = r.nextInt(100) < 10 ? null : String.valueOf(r.nextInt(100) < 35);
        String notes = r.nextInt(100) < 8 ? pick(r, ShopVocabulary.NOTES) : null;
        long updated = r.nextInt(100) < 60 ? signup : signup + r.nextLong(EPOCH_END - signup);
        return new String[] {String.valueOf(id), first, last, email, phone, c.name(), c.country(),
                timestamp(signup, c.offset()), birth, loyalty, notes, timestamp(updated, "Z")};
    }

    private static String[] product(SplittableRandom r, int id, int[] priceCents) {
        String adjective = pick(r, ShopVocabulary.ADJECTIVES);
        String noun = pick(r, ShopVocabulary.NOUNS);
        String category = pick(r, ShopVocabulary.CATEGORIES);
        String name = capitalise(adjective) + " " + noun + (r.nextInt(100) < 15 ? ", set of " + (2 + r.nextInt(5)) : "");
        int cents = 199 + r.nextInt(r.nextInt(100) < 10 ? 150_000 : 15_000);
        priceCents[id] = cents;
        int stock = r.nextInt(100) < 5 ? 0 : r.nextInt(800);
        String weight = r.nextInt(100) < 12 ? null : decimal(50 + r.nextInt(25_000), 3);
        String active = String.valueOf(r.nextInt(100) < 93);
        long created = EPOCH_START + r.nextLong(86_400L * 365);
        String sku = "SKU-" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + "-" + (10_000 + id);
        long updated = created + r.nextLong(EPOCH_END - created);
        return new String[] {String.valueOf(id), sku, name, category, description(r, name),
                decimal(cents, 2), String.valueOf(stock), weight, active, timestamp(created, "Z"), timestamp(updated, "Z")};
    }

    /**
     * Mostly a sentence or two; one in four is 4-9 KB of varied text, so that PostgreSQL stores it out of
     * line (TOAST) even after compression. Some contain commas, quotes and line breaks.
     */
    private static String description(SplittableRandom r, String name) {
        int kind = r.nextInt(100);
        if (kind < 5) {
            return null;
        }
        StringBuilder sb = new StringBuilder(name).append(": ");
        if (kind < 30) {
            int target = 4_096 + r.nextInt(5_120);
            int line = 0;
            while (sb.length() < target) {
                sb.append(capitalise(pick(r, ShopVocabulary.DESCRIPTION_WORDS)));
                for (int i = 0, n = 6 + r.nextInt(10); i < n; i++) {
                    sb.append(' ').append(pick(r, ShopVocabulary.DESCRIPTION_WORDS));
                    if (r.nextInt(8) == 0) {
                        sb.append(' ').append(r.nextInt(100_000));
                    }
                    if (i < n - 1 && r.nextInt(12) == 0) {
                        sb.append(',');
                    }
                }
                sb.append(". ");
                if (++line % 5 == 0) {
                    sb.append("\n\u2022 spec ").append(Integer.toHexString(r.nextInt())).append(": \"")
                            .append(r.nextInt(1000)).append(" mm\"\n");
                }
            }
            return sb.toString().trim();
        }
        sb.append("A ").append(pick(r, ShopVocabulary.DESCRIPTION_WORDS)).append(", ")
                .append(pick(r, ShopVocabulary.DESCRIPTION_WORDS)).append(" favourite.");
        if (kind < 40) {
            sb.append("\nCare: wipe clean, do not \"tumble dry\".");
        }
        return sb.toString();
    }

    private static String[] order(SplittableRandom r, int id, int customers, int products, long[] signupAt,
                                  int[] customerCity, int[] priceCents) {
        int customer = 1 + r.nextInt(customers);
        int product = 1 + r.nextInt(products);
        int quantity = r.nextInt(100) < 70 ? 1 : 1 + r.nextInt(r.nextInt(100) < 95 ? 5 : 40);
        long orderedAt = signupAt[customer] + r.nextLong(Math.max(3_600L, EPOCH_END - signupAt[customer]));
        int roll = r.nextInt(100);
        String status = roll < 8 ? "placed" : roll < 20 ? "paid" : roll < 40 ? "shipped" : "delivered";
        ShopVocabulary.City home = ShopVocabulary.CITIES.get(customerCity[customer]);
        String shipTo = r.nextInt(100) < 90 ? home.name() : pick(r, ShopVocabulary.CITIES).name();
        // prices move over time: the order keeps the price paid, within 20% of today's list price
        int paid = Math.max(99, priceCents[product] * (80 + r.nextInt(41)) / 100);
        String gift = r.nextInt(100) < 6 ? pick(r, ShopVocabulary.GIFT_NOTES) : null;
        // the last status change: payment within hours, shipping within days, delivery within two weeks
        long updatedAt = orderedAt + switch (status) {
            case "placed" -> 0L;
            case "paid" -> 60L + r.nextLong(6 * 3_600L);
            case "shipped" -> 86_400L + r.nextLong(3 * 86_400L);
            default -> 3 * 86_400L + r.nextLong(11 * 86_400L);
        };
        return new String[] {String.valueOf(id), String.valueOf(customer), String.valueOf(product),
                String.valueOf(quantity), decimal(paid, 2), status, timestamp(orderedAt, home.offset()), shipTo, gift,
                timestamp(updatedAt, home.offset())};
    }

    static String decimal(long units, int scale) {
        long factor = scale == 2 ? 100 : 1000;
        String fraction = String.valueOf(units % factor);
        while (fraction.length() < scale) {
            fraction = "0" + fraction;
        }
        return (units / factor) + "." + fraction;
    }

    private static String timestamp(long epochSecond, String offset) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.of(offset)).format(TIMESTAMP);
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
