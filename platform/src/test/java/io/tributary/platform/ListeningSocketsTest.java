package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void decodesProcAddresses() {
        assertThat(ListeningSockets.ipv4("0100007F")).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.ipv4("00000000")).isEqualTo("0.0.0.0");
        assertThat(ListeningSockets.ipv6("00000000000000000000000001000000")).isEqualTo("::1");
        assertThat(ListeningSockets.ipv6("0000000000000000FFFF00000100007F")).isEqualTo("::ffff:127.0.0.1");
        assertThat(ListeningSockets.ipv6("00000000000000000000000000000000")).isEqualTo("::");
    }

    @Test
    void findsThisJvmsListenersWithTheirAddress() throws Exception {
        try (ServerSocket loopback = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                ServerSocket wildcard = new ServerSocket(0)) {
            List<ListeningSockets.Listener> mine = ListeningSockets.of(List.of(ProcessHandle.current()));
            assertThat(mine).anySatisfy(l -> {
                assertThat(l.address()).endsWith(":" + loopback.getLocalPort());
                assertThat(l.loopback()).isTrue();
            });
            assertThat(mine).anySatisfy(l -> {
                assertThat(l.address()).endsWith(":" + wildcard.getLocalPort());
                assertThat(l.loopback()).isFalse();
            });
        }
    }
}
