package io.tributary.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.simulator.CliRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input is refused before any connection: these run with no database at all (the port given is
 * closed), so an exit code 3 proves the file was judged before anything was attempted.
 */
class LoadCommandTest {

    @TempDir
    Path dir;
    Path password;
    String closedPort;

    @BeforeEach
    void setUp() throws IOException {
        password = Files.writeString(dir.resolve("pw"), "not-used");
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = String.valueOf(s.getLocalPort());
        }
    }

    private CliRun load(String... files) {
        String[] args = new String[files.length + 5];
        args[0] = "load";
        args[1] = "--pg-port";
        args[2] = closedPort;
        args[3] = "--pg-password-file";
        args[4] = password.toString();
        System.arraycopy(files, 0, args, 5, files.length);
        return CliRun.of(args);
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    @Test
    void raggedRow() throws IOException {
        CliRun run = load(file("customers.csv", "id,name\n1,Zoë\n2,Søren,extra\n"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("customers.csv line 3, column 3: ragged row: 3 fields but the header has 2 columns",
                "Nothing was loaded.");
    }

    @Test
    void duplicateHeader() throws IOException {
        CliRun run = load(file("customers.csv", "id,name,name\n1,a,b\n"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("customers.csv line 1, column 3 (name): duplicate column name");
    }

    @Test
    void emptyFile() throws IOException {
        CliRun run = load(file("customers.csv", ""));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("customers.csv: the file is empty");
    }

    @Test
    void sqlInjectionInAHeader() throws IOException {
        CliRun run = load(file("customers.csv", "id,\"name\"\"; DROP TABLE x; --\"\n1,a\n"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("customers.csv line 1, column 2: header 'name\"; DROP TABLE x; --' is not a valid column name");
    }

    @Test
    void aBadFileAmongGoodOnesStopsBeforeAnyTableIsTouched() throws IOException {
        file("a_good.csv", "id\n1\n");
        file("b_bad.csv", "id,x\n1\n");
        CliRun run = load(dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("b_bad.csv line 2, column 2 (x): ragged row");
    }

    @Test
    void anUnknownTypeInTheTypesOption() throws IOException {
        CliRun run = CliRun.of("load", "--pg-port", closedPort, "--pg-password-file", password.toString(),
                "--types", "items.qty=integr", file("items.csv", "id,qty\n1,2\n"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--types items.qty=integr: unknown type 'integr'");
    }

    @Test
    void typesOptionKeepsTheCommaOfNumericAndSplitsTheRest() throws IOException {
        assertThat(LoadCommand.parseTypes(java.util.Map.of("items.price", "numeric(8,2)")))
                .containsEntry("items", java.util.Map.of("price", io.tributary.simulator.load.SqlType.numeric(8, 2)));
        CliRun run = CliRun.of("load", "--pg-port", closedPort, "--pg-password-file", password.toString(),
                "--types", "items.price=numeric(8,2),items.qty=bigint,nope.x=text", file("items.csv", "id,price,qty\n1,2.5,3\n"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--types names table 'nope'");
    }

    @Test
    void defaultInputsComeFromTheEnvironmentOrCsvData() {
        assertThat(LoadCommand.defaultInputs(null)).containsExactly(Path.of("csv-data"));
        assertThat(LoadCommand.defaultInputs(" a.csv, data ,")).containsExactly(Path.of("a.csv"), Path.of("data"));
    }

    @Test
    void unknownTableInAnOption() throws IOException {
        CliRun run = CliRun.of("load", "--pg-port", closedPort, "--pg-password-file", password.toString(),
                "--primary-key", "nope=id", file("items.csv", "id,qty\n1,2\n"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--primary-key names table 'nope', which no input file gives (tables: items)");
    }

    @Test
    void goodInputReachesTheDatabaseStepAndReportsTheConnectionFailure() throws IOException {
        CliRun run = load(file("items.csv", "id,qty\n1,2\n"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("tributary_app@127.0.0.1:" + closedPort + "/tributary").doesNotContain("not-used");
    }

    @Test
    void missingPasswordIsAUsageErrorNamingTheVariables() throws IOException {
        assumeTrue(System.getenv("TRIBUTARY_APP_PASSWORD") == null && System.getenv("TRIBUTARY_APP_PASSWORD_FILE") == null,
                "the environment provides a password");
        CliRun run = CliRun.of("load", "--pg-port", closedPort, file("items.csv", "id\n1\n"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("TRIBUTARY_APP_PASSWORD", "TRIBUTARY_APP_PASSWORD_FILE");
    }
}
