package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
    @TempDir
    Path dir;

    @Test
    void tailReturnsTheLastLinesOfALargeFile() throws Exception {
        Path log = dir.resolve("big.log");
        Files.writeString(log, IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));
        assertThat(LogsCommand.tail(log, 3)).containsExactly("line 19997", "line 19998", "line 19999");
        assertThat(LogsCommand.tail(log, 0)).isEmpty();
    }

    @Test
    void tailOfASmallFileWithoutTrailingNewline() throws Exception {
        Path log = Files.writeString(dir.resolve("small.log"), "a\nb\nc");
        assertThat(LogsCommand.tail(log, 10)).containsExactly("a", "b", "c");
        assertThat(LogsCommand.tail(log, 2)).containsExactly("b", "c");
    }

    @Test
    void unknownLogListsTheAvailableOnes() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/kafka.log"), "x\n");
        StringWriter err = new StringWriter();
        int code = TributaryMain.execute(new String[] {"logs", "kafak", "--data-dir", dir.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("kafak.log").contains("[kafka]");
    }

    @Test
    void logsCommandPrintsTheTail() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/s3.log"), "one\ntwo\nthree\n");
        StringWriter out = new StringWriter();
        int code = TributaryMain.execute(new String[] {"logs", "s3", "-n", "2", "--data-dir", dir.toString()},
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("two\nthree\n");
    }
}
