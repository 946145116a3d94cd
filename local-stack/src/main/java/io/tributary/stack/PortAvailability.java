package io.tributary.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a port can be bound before a server is started on it, so the error names the port and the option. */
public final class PortAvailability {
    private PortAvailability() {
    }

    /** True if nothing listens on 127.0.0.1:{@code port}. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Throws a {@link StackException} naming the service, the port and the option to change it if the port is taken.
     */
    public static void requireFree(String service, int port, String option) {
        if (!isFree(port)) {
            throw new StackException(inUseMessage(service, port, option));
        }
    }

    static String inUseMessage(String service, int port, String option) {
        return "Port " + port + " on 127.0.0.1 (needed by " + service + ") is already in use. "
                + "Stop the process listening there (see `ss -ltnp 'sport = :" + port + "'`) "
                + "or choose another port with " + option + "=<port>.";
    }
}
