package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void cpuFieldsAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 12 3 20 0 30 0 100 "
                + "1000000 2000 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        ProcStat.CpuTicks t = ProcStat.cpu(stat);
        assertThat(t.user()).isEqualTo(250);
        assertThat(t.system()).isEqualTo(75);
        assertThat(t.own()).isEqualTo(325);
        assertThat(t.withReapedChildren()).isEqualTo(340);
    }

    @Test
    void kilobyteFieldsInBytes() {
        String status = "Name:\tjava\nVmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\n";
        assertThat(ProcStat.kilobytesField(status, "VmRSS")).isEqualTo(262_144L * 1024);
        assertThat(ProcStat.kilobytesField(status, "VmHWM")).isEqualTo(524_288L * 1024);
        assertThat(ProcStat.kilobytesField(status, "Pss")).isEqualTo(-1);
    }
}
