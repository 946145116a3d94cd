package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    @Test
    void keepsOneEntryPerNameWithItsSupervisionAcrossProcesses() {
        ProcessTable table = new ProcessTable();
        table.update("cdc-engine", e -> e.with(Supervision.NONE.restarted(137, "2026-01-01T00:00:00Z")).withOneShot(true));
        assertThat(table.process("cdc-engine")).isNull();
        assertThat(table.get("cdc-engine").supervision().restarts()).isEqualTo(1);
        assertThat(table.get("cdc-engine").oneShot()).isTrue();
        assertThat(table.get("unknown")).isEqualTo(ProcessEntry.named("unknown"));
        table.remove("cdc-engine");
        assertThat(table.get("cdc-engine")).isEqualTo(ProcessEntry.named("cdc-engine"));
    }

    @Test
    void listsProcessesInLaunchOrderAndOwnedServers() {
        ProcessTable table = new ProcessTable();
        ManagedProcess self = ManagedProcess.adopt("self", ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().orElseThrow(), Path.of("self.log"), StopSignal.TERM)
                .orElseThrow();
        table.attach("simulator", self);
        table.attach("cdc-engine", self);
        table.update("postgres", e -> e.withOwned(true));
        assertThat(table.processes(name -> true).keySet()).containsExactly("simulator", "cdc-engine");
        // a name whose process was forgotten goes to the end when it gets a new one
        table.detach("simulator");
        table.attach("simulator", self);
        assertThat(table.processes(name -> true).keySet()).containsExactly("cdc-engine", "simulator");
        assertThat(table.owned()).containsExactly("postgres");
    }
}
