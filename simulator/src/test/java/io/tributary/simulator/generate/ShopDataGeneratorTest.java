package io.tributary.simulator.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.simulator.csv.CsvRecord;
import io.tributary.simulator.csv.CsvTableReader;
import io.tributary.simulator.load.CsvTableAnalyzer;
import io.tributary.simulator.load.LoadOptions;
import io.tributary.simulator.load.TableSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopDataGeneratorTest {

    @TempDir
    static Path dir;
    static Path scale1;

    @BeforeAll
    static void generate() throws IOException {
        scale1 = dir.resolve("a");
        ShopDataGenerator.Counts counts = new ShopDataGenerator(1, 42).writeTo(scale1);
        assertThat(counts).isEqualTo(new ShopDataGenerator.Counts(1_200, 240, 12_000));
    }

    static List<CsvRecord> records(Path file) throws IOException {
        List<CsvRecord> all = new ArrayList<>();
        try (CsvTableReader reader = CsvTableReader.open(file)) {
            CsvRecord r;
            while ((r = reader.next()) != null) {
                all.add(r);
            }
        }
        return all;
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedOtherFiles() throws IOException {
        Path again = dir.resolve("b");
        Path other = dir.resolve("c");
        new ShopDataGenerator(1, 42).writeTo(again);
        new ShopDataGenerator(1, 43).writeTo(other);
        for (String f : List.of("customers.csv", "products.csv", "orders.csv")) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f).isEqualTo(Files.readAllBytes(scale1.resolve(f)));
            assertThat(Files.readAllBytes(other.resolve(f))).as(f).isNotEqualTo(Files.readAllBytes(scale1.resolve(f)));
        }
    }

    @Test
    void theCommittedCsvDataIsExactlyScaleOneSeed42() throws IOException {
        Path committed = Path.of("").toAbsolutePath();
        while (committed != null && !Files.isDirectory(committed.resolve("csv-data"))) {
            committed = committed.getParent();
        }
        assertThat(committed).as("csv-data/ above the working directory").isNotNull();
        for (String f : List.of("customers.csv", "products.csv", "orders.csv")) {
            assertThat(Files.readAllBytes(committed.resolve("csv-data").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(scale1.resolve(f)));
        }
    }

    @Test
    void ordersReferToExistingCustomersAndProducts() throws IOException {
        Set<String> customers = new HashSet<>();
        records(scale1.resolve("customers.csv")).forEach(r -> customers.add(r.get(0)));
        Set<String> products = new HashSet<>();
        records(scale1.resolve("products.csv")).forEach(r -> products.add(r.get(0)));
        List<CsvRecord> orders = records(scale1.resolve("orders.csv"));
        assertThat(orders).hasSize(12_000).allSatisfy(o -> {
            assertThat(customers).contains(o.get(1));
            assertThat(products).contains(o.get(2));
        });
        assertThat(orders).extracting(o -> o.get(5)).containsOnly("placed", "paid", "shipped", "delivered");
        assertThat(orders).allSatisfy(o -> assertThat(java.time.OffsetDateTime.parse(o.get(9)))
                .isAfterOrEqualTo(java.time.OffsetDateTime.parse(o.get(6))));
    }

    @Test
    void valuesAreRealisticAndExerciseTheHardCases() throws IOException {
        String customers = Files.readString(scale1.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertThat(customers).contains("é", "ø", "ł", "ñ", "ü", "ß");
        List<CsvRecord> c = records(scale1.resolve("customers.csv"));
        assertThat(c).anySatisfy(r -> assertThat(r.get(4)).isNull());                   // empty phone
        assertThat(c).anySatisfy(r -> assertThat(r.get(10)).contains(",").contains("\n")); // notes
        assertThat(c).extracting(r -> r.get(7).substring(19)).contains("Z", "+01:00", "-03:00", "+05:45", "-03:30");
        List<CsvRecord> p = records(scale1.resolve("products.csv"));
        long longDescriptions = p.stream().filter(r -> r.get(4) != null
                && r.get(4).getBytes(StandardCharsets.UTF_8).length > 2048).count();
        assertThat(longDescriptions).isGreaterThan(30);
        assertThat(p).anySatisfy(r -> assertThat(r.get(4)).contains("\"").contains("\n"));
        assertThat(p).extracting(r -> r.get(5)).allMatch(price -> price.matches("\\d+\\.\\d{2}"));
    }

    @Test
    void theLoaderInfersTheIntendedTypes() throws IOException {
        CsvTableAnalyzer analyzer = new CsvTableAnalyzer(LoadOptions.defaults());
        TableSpec customers = analyzer.analyze(scale1.resolve("customers.csv"));
        TableSpec products = analyzer.analyze(scale1.resolve("products.csv"));
        TableSpec orders = analyzer.analyze(scale1.resolve("orders.csv"));
        assertThat(types(customers)).containsExactly("customer_id integer", "first_name text", "last_name text",
                "email text", "phone text", "city text", "country text", "signup_at timestamptz", "birth_date date",
                "loyalty_member boolean", "notes text", "updated_at timestamptz");
        assertThat(types(products)).containsExactly("product_id integer", "sku text", "name text", "category text",
                "description text", "price numeric(10,2)", "stock integer", "weight_kg numeric(10,3)",
                "active boolean", "created_at timestamptz", "updated_at timestamptz");
        assertThat(types(orders)).containsExactly("order_id integer", "customer_id integer", "product_id integer",
                "quantity integer", "unit_price numeric(10,2)", "status text", "ordered_at timestamptz",
                "shipping_city text", "gift_note text", "updated_at timestamptz");
        assertThat(orders.primaryKey().name().name()).isEqualTo("order_id");
    }

    @Test
    void scaleMultipliesTheRowCounts() throws IOException {
        ShopDataGenerator.Counts counts = new ShopDataGenerator(3, 1).writeTo(dir.resolve("x3"));
        assertThat(counts).isEqualTo(new ShopDataGenerator.Counts(3_600, 720, 36_000));
        assertThat(records(dir.resolve("x3").resolve("orders.csv"))).hasSize(36_000);
    }

    private static List<String> types(TableSpec spec) {
        return spec.columns().stream().map(c -> c.name().name() + " " + c.type().sql()).toList();
    }
}
