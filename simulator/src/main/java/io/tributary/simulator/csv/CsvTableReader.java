package io.tributary.simulator.csv;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.enums.CSVReaderNullFieldIndicator;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an RFC 4180 CSV file (UTF-8, comma, double quotes, fields may contain commas, quotes and line
 * breaks) as a header plus records, checking the structure as it goes:
 * <ul>
 *   <li>an empty file is an error; so are bytes that are not UTF-8 (decoded as U+FFFD, reported with the
 *       line and column where they appear);</li>
 *   <li>a leading UTF-8 byte order mark is stripped (spreadsheet exports write one) and logged;</li>
 *   <li>every record must have exactly as many fields as the header (ragged rows are an error);</li>
 *   <li>an empty cell, quoted or not, is {@code null}.</li>
 * </ul>
 * Header names are returned raw; validating them as identifiers is the caller's concern.
 */
public final class CsvTableReader implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(CsvTableReader.class);
    private static final char BOM = '\uFEFF';
    private static final char REPLACEMENT = '\uFFFD';

    private final Path file;
    private final CSVReader reader;
    private final List<String> header;
    private long linesConsumed;

    private CsvTableReader(Path file, Reader source) throws IOException {
        this.file = file;
        this.reader = new CSVReaderBuilder(source)
                .withCSVParser(new RFC4180ParserBuilder()
                        .withFieldAsNull(CSVReaderNullFieldIndicator.EMPTY_SEPARATORS)
                        .build())
                .withMultilineLimit(0)
                .build();
        String[] first = readRaw();
        if (first == null) {
            throw new CsvInputException(file, 0, null,
                    "the file is empty; a CSV file needs a header line and at least one record");
        }
        checkEncoding(file, 1, first);
        List<String> names = new ArrayList<>(first.length);
        for (String name : first) {
            names.add(name == null ? "" : name);
        }
        this.header = Collections.unmodifiableList(names);
        this.linesConsumed = reader.getLinesRead();
    }

    /** Opens {@code file}, strips a UTF-8 BOM if present and reads the header line. */
    public static CsvTableReader open(Path file) throws IOException {
        // REPLACE, not REPORT: a decoder error would surface at buffer fill, far from its line; the
        // replacement character is then reported with its exact line and column
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), utf8), 1 << 16);
        try {
            in.mark(1);
            int first = in.read();
            if (first == BOM) {
                LOG.warn("{} starts with a UTF-8 byte order mark; ignoring it", file);
            } else {
                in.reset();
            }
            return new CsvTableReader(file, in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads {@code text} as if it were the content of {@code file} (for tests and tools). */
    public static CsvTableReader of(Path file, Reader text) throws IOException {
        BufferedReader in = new BufferedReader(text);
        in.mark(1);
        if (in.read() != BOM) {
            in.reset();
        }
        return new CsvTableReader(file, in);
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    /** Next record, or null at the end of the file. */
    public CsvRecord next() throws IOException {
        long startLine = linesConsumed + 1;
        String[] fields = readRaw();
        if (fields == null) {
            return null;
        }
        linesConsumed = reader.getLinesRead();
        if (fields.length != header.size()) {
            if (fields.length == 1 && fields[0] == null) {
                throw new CsvInputException(file, startLine, null, "blank line; the header has "
                        + header.size() + " columns. Remove the blank line.");
            }
            boolean tooMany = fields.length > header.size();
            String column = tooMany ? String.valueOf(header.size() + 1)
                    : (fields.length + 1) + " (" + header.get(fields.length) + ")";
            throw new CsvInputException(file, startLine, column, "ragged row: " + fields.length
                    + " fields but the header has " + header.size() + " columns ("
                    + String.join(",", header) + "); " + (tooMany ? "this field is extra" : "this column is missing")
                    + ". Quote fields that contain commas.");
        }
        checkEncoding(file, startLine, fields);
        return new CsvRecord(startLine, Collections.unmodifiableList(Arrays.asList(nullIfEmpty(fields))));
    }

    private static void checkEncoding(Path file, long line, String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] != null && fields[i].indexOf(REPLACEMENT) >= 0) {
                throw new CsvInputException(file, line, String.valueOf(i + 1), "contains bytes that are not valid"
                        + " UTF-8 (or a U+FFFD replacement character); re-encode the file as UTF-8");
            }
        }
    }

    private static String[] nullIfEmpty(String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] != null && fields[i].isEmpty()) {
                fields[i] = null;
            }
        }
        return fields;
    }

    private String[] readRaw() throws IOException {
        try {
            return reader.readNext();
        } catch (CsvMalformedLineException e) {
            throw new CsvInputException(file, e.getLineNumber(), null,
                    "malformed quoting (a quoted field is never closed, or a quote appears inside an"
                            + " unquoted field); write quotes inside fields as two double quotes", e);
        } catch (CsvValidationException e) {
            throw new CsvInputException(file, e.getLineNumber(), null, e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
