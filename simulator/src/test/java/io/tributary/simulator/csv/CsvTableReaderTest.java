package io.tributary.simulator.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {

    private static final Path FILE = Path.of("shop.csv");

    @TempDir
    Path dir;

    private static List<CsvRecord> readAll(String text) throws IOException {
        try (CsvTableReader reader = CsvTableReader.of(FILE, new StringReader(text))) {
            List<CsvRecord> records = new ArrayList<>();
            CsvRecord r;
            while ((r = reader.next()) != null) {
                records.add(r);
            }
            return records;
        }
    }

    @Test
    void readsQuotedCommasQuotesAndLineBreaksWithTheLineWhereEachRecordStarts() throws IOException {
        List<CsvRecord> records = readAll("id,note,city\n"
                + "1,\"Leave at the door, please\",Zürich\n"
                + "2,\"Ring twice.\nThen call.\",Łódź\n"
                + "3,\"He said \"\"fragile\"\"\",São Paulo\n");
        assertThat(records).extracting(CsvRecord::line).containsExactly(2L, 3L, 5L);
        assertThat(records.get(0).values()).containsExactly("1", "Leave at the door, please", "Zürich");
        assertThat(records.get(1).get(1)).isEqualTo("Ring twice.\nThen call.");
        assertThat(records.get(2).get(1)).isEqualTo("He said \"fragile\"");
    }

    @Test
    void emptyCellsQuotedOrNotAreNull() throws IOException {
        List<CsvRecord> records = readAll("a,b,c\n,\"\",x\n");
        assertThat(records.get(0).values()).containsExactly(null, null, "x");
    }

    @Test
    void acceptsCrLfLineEnds() throws IOException {
        List<CsvRecord> records = readAll("a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).values()).containsExactly("1", "2");
        assertThat(records.get(1).get(1)).isEqualTo("x\ny");
    }

    @Test
    void raggedRowNamesFileLineAndCounts() {
        assertThatThrownBy(() -> readAll("id,name,city\n1,Zoë,Oslo\n2,Søren\n"))
                .isInstanceOf(CsvInputException.class)
                .hasMessageContaining("shop.csv line 3, column 3 (city): ragged row: 2 fields but the header has 3 columns")
                .hasMessageContaining("this column is missing");
        assertThatThrownBy(() -> readAll("id,name\n1,a,b\n"))
                .hasMessageContaining("line 2, column 3: ragged row: 3 fields but the header has 2").hasMessageContaining("extra");
    }

    @Test
    void blankLineInTheMiddleIsAnError() {
        assertThatThrownBy(() -> readAll("id,name\n1,a\n\n2,b\n"))
                .isInstanceOf(CsvInputException.class).hasMessageContaining("line 3: blank line");
    }

    @Test
    void unterminatedQuoteIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> readAll("id,name\n1,\"open\n2,b\n"))
                .isInstanceOf(CsvInputException.class).hasMessageContaining("shop.csv line")
                .hasMessageContaining("malformed quoting");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path empty = Files.createFile(dir.resolve("customers.csv"));
        assertThatThrownBy(() -> CsvTableReader.open(empty))
                .isInstanceOf(CsvInputException.class)
                .hasMessageContaining("customers.csv: the file is empty");
    }

    @Test
    void aUtf8ByteOrderMarkIsStrippedSoTheFirstHeaderIsClean() throws IOException {
        Path file = dir.resolve("bom.csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,name\n1,Zoë\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Files.write(file, all);
        try (CsvTableReader reader = CsvTableReader.open(file)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(reader.next().values()).containsExactly("1", "Zoë");
        }
    }

    @Test
    void invalidUtf8IsAnError() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "id,city\n1,Z\u00fcrich\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> {
            try (CsvTableReader reader = CsvTableReader.open(file)) {
                while (reader.next() != null) {
                    // read on
                }
            }
        }).isInstanceOf(CsvInputException.class).hasMessageContaining("latin1.csv line 2, column 2")
                .hasMessageContaining("not valid UTF-8");
    }
}
