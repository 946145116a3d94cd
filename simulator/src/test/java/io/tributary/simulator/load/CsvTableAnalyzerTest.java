package io.tributary.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.simulator.csv.CsvInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTableAnalyzerTest {

    private static TableSpec analyze(String file, String text) throws IOException {
        return analyze(file, text, LoadOptions.defaults());
    }

    private static TableSpec analyze(String file, String text, LoadOptions options) throws IOException {
        return new CsvTableAnalyzer(options).analyze(Path.of(file), new StringReader(text));
    }

    @Test
    void infersTableColumnsTypesAndPrimaryKey() throws IOException {
        TableSpec spec = analyze("customers.csv", "customer_id,name,balance,vip,joined\n"
                + "1,Zoë,12.50,true,2024-01-02T03:04:05+01:00\n2,Søren,,false,2024-02-03T04:05:06Z\n");
        assertThat(spec.table().name()).isEqualTo("customers");
        assertThat(spec.columns()).extracting(c -> c.name().name() + " " + c.type().sql()).containsExactly(
                "customer_id integer", "name text", "balance numeric(10,2)", "vip boolean", "joined timestamptz");
        assertThat(spec.primaryKey().name().name()).isEqualTo("customer_id");
        assertThat(spec.analysedRecords()).isEqualTo(2);
    }

    @Test
    void prefersIdThenTableIdThenSingularId() throws IOException {
        assertThat(analyze("orders.csv", "order_id,id\n1,7\n2,8\n").primaryKey().name().name()).isEqualTo("id");
        assertThat(analyze("categories.csv", "name,category_id\na,1\nb,2\n").primaryKey().name().name())
                .isEqualTo("category_id");
    }

    @Test
    void aCandidateWithADuplicateOrAnEmptyCellIsNoPrimaryKey() {
        assertThatThrownBy(() -> analyze("orders.csv", "order_id,total\n1,5\n1,6\n"))
                .isInstanceOf(CsvInputException.class)
                .hasMessageContaining("orders.csv: no primary key found for table orders")
                .hasMessageContaining("order_id has the duplicate value '1' at line 3")
                .hasMessageContaining("--primary-key orders=<column>");
        assertThatThrownBy(() -> analyze("orders.csv", "id,total\n1,5\n,6\n"))
                .hasMessageContaining("id is empty at line 3");
        assertThatThrownBy(() -> analyze("orders.csv", "number,total\n1,5\n"))
                .hasMessageContaining("the header has none of the columns id, orders_id, order_id");
    }

    @Test
    void primaryKeyOptionNamesAnyUniqueColumn() throws IOException {
        LoadOptions options = new LoadOptions(Map.of(), Map.of("orders", "number"), 0, false);
        assertThat(analyze("orders.csv", "number,total\nA-1,5\nA-2,6\n", options).primaryKey().name().name())
                .isEqualTo("number");
        assertThatThrownBy(() -> analyze("orders.csv", "number,total\nA-1,5\n", new LoadOptions(Map.of(),
                Map.of("orders", "nope"), 0, false))).hasMessageContaining("--primary-key orders=nope names a column"
                + " that is not in the header");
    }

    @Test
    void duplicateHeaderNamesAreRefusedNamingBothColumns() {
        assertThatThrownBy(() -> analyze("customers.csv", "id,name,Name\n1,a,b\n"))
                .isInstanceOf(CsvInputException.class)
                .hasMessageContaining("customers.csv line 1, column 3 (Name): duplicate column name 'name',"
                        + " already used by column 2");
    }

    @Test
    void hostileHeaderIsRefusedBeforeAnythingHappens() {
        assertThatThrownBy(() -> analyze("customers.csv", "id,\"name\"\"; DROP TABLE x; --\"\n1,a\n"))
                .isInstanceOf(CsvInputException.class)
                .hasMessageContaining("customers.csv line 1, column 2: header 'name\"; DROP TABLE x; --'"
                        + " is not a valid column name");
    }

    @Test
    void moreColumnsThanPostgresAllowsAreRefused() {
        StringBuilder header = new StringBuilder("id");
        StringBuilder row = new StringBuilder("1");
        for (int i = 1; i <= CsvTableAnalyzer.MAX_COLUMNS; i++) {
            header.append(",c").append(i);
            row.append(",x");
        }
        assertThatThrownBy(() -> analyze("wide.csv", header + "\n" + row + "\n"))
                .hasMessageContaining("wide.csv line 1: the header has 1601 columns; PostgreSQL tables have at most 1600");
    }

    @Test
    void systemColumnNamesAreRefused() {
        assertThatThrownBy(() -> analyze("t.csv", "id,XMin\n1,2\n"))
                .hasMessageContaining("t.csv line 1, column 2 (XMin): 'xmin' is the name of a PostgreSQL system column");
    }

    @Test
    void emptyOrSpacedHeadersAreRefused() {
        assertThatThrownBy(() -> analyze("t.csv", "id,,x\n1,2,3\n")).hasMessageContaining("column 2: header ''");
        assertThatThrownBy(() -> analyze("t.csv", "id,first name\n1,2\n")).hasMessageContaining("column 2");
    }

    @Test
    void fileNameMustGiveAValidTableName() {
        assertThatThrownBy(() -> analyze("order items.csv", "id\n1\n"))
                .isInstanceOf(CsvInputException.class)
                .hasMessageContaining("the table name 'order items', which is not a valid identifier")
                .hasMessageContaining("Rename the file");
    }

    @Test
    void aHeaderWithoutRecordsIsRefused() {
        assertThatThrownBy(() -> analyze("t.csv", "id,name\n"))
                .hasMessageContaining("t.csv line 2: the file has a header but no records");
    }

    @Test
    void typesOptionOverridesInferenceAndMustNameARealColumn() throws IOException {
        LoadOptions options = new LoadOptions(Map.of("items", Map.of("zip", SqlType.TEXT)), Map.of(), 0, false);
        TableSpec spec = analyze("items.csv", "id,zip\n1,1234\n", options);
        assertThat(spec.columns().get(1).type()).isEqualTo(SqlType.TEXT);
        assertThat(spec.columns().get(1).explicit()).isTrue();
        LoadOptions wrong = new LoadOptions(Map.of("items", Map.of("zipp", SqlType.TEXT)), Map.of(), 0, false);
        assertThatThrownBy(() -> analyze("items.csv", "id,zip\n1,1234\n", wrong))
                .hasMessageContaining("--types names column 'items.zipp', but the header has no such column");
    }

    @Test
    void inferRowsReadsOnlyTheSample() throws IOException {
        LoadOptions options = new LoadOptions(Map.of(), Map.of(), 2, false);
        TableSpec spec = analyze("items.csv", "id,price\n1,2\n2,3\n3,4.5\n", options);
        assertThat(spec.columns().get(1).type()).isEqualTo(SqlType.INTEGER);
        assertThat(spec.sampledRows()).isEqualTo(2);
    }
}
