package io.tributary.cdc.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay between a client and a server (127.0.0.1) that can blackhole: {@link #blackhole()} makes every open
 * connection, and every new one until {@link #restore()}, silently dead: bytes are read and dropped in both directions,
 * nothing is closed, so neither side sees an error (a dropped route or an expired NAT entry). After {@link #restore()}
 * new connections are relayed again; the dead ones stay dead, as they would on a real network, until a side closes
 * them itself.
 */
final class BlackholeProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicBoolean blackholed = new AtomicBoolean();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    BlackholeProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "blackhole-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on nothing passes: open connections go silent, new ones are accepted and go nowhere. */
    void blackhole() {
        blackholed.set(true);
        links.forEach(Link::kill);
    }

    /** New connections are relayed again. */
    void restore() {
        blackholed.set(false);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Link link = new Link(client);
                links.add(link);
                if (blackholed.get()) {
                    link.kill();
                    link.drain(client);
                } else {
                    link.relay();
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Link link : links) {
            link.close();
        }
    }

    /** One client connection and its connection to the server. */
    private final class Link {
        private final Socket client;
        private volatile Socket upstream;
        private volatile boolean dead;

        Link(Socket client) {
            this.client = client;
        }

        void kill() {
            dead = true;
        }

        void relay() throws IOException {
            upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            pump(client, upstream);
            pump(upstream, client);
        }

        /** Reads and drops what the client sends (a dead link answers nothing). */
        void drain(Socket from) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream()) {
                    while (in.read(buffer) >= 0) {
                        // dropped
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "blackhole-proxy-drain");
            t.setDaemon(true);
            t.start();
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (!dead) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                    if (!dead) {
                        to.shutdownOutput();
                    }
                } catch (IOException e) {
                    if (!dead) {
                        close();
                    }
                }
            }, "blackhole-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private void closeQuietly(Socket s) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
    }

    @Override
    public String toString() {
        return "BlackholeProxy[" + new InetSocketAddress(InetAddress.getLoopbackAddress(), port()) + " -> " + targetPort + "]";
    }
}
