package io.tributary.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The TCP sockets processes listen on, from Linux's /proc (pid -> fd -> socket inode -> /proc/net/tcp{,6}). */
final class ListeningSockets {
    /** One listening socket: the process, and the local address as "ip:port". */
    record Listener(long pid, String command, String address) {
        boolean loopback() {
            return address.startsWith("127.") || address.startsWith("[::1]") || address.startsWith("[::ffff:127.");
        }
    }

    private ListeningSockets() {
    }

    static List<Listener> of(List<ProcessHandle> processes) throws IOException {
        Map<String, String> listeningByInode = new HashMap<>();
        readTable(Path.of("/proc/net/tcp"), false, listeningByInode);
        readTable(Path.of("/proc/net/tcp6"), true, listeningByInode);
        List<Listener> result = new ArrayList<>();
        for (ProcessHandle process : processes) {
            for (String inode : socketInodes(process.pid())) {
                String address = listeningByInode.get(inode);
                if (address != null) {
                    result.add(new Listener(process.pid(), process.info().command().orElse("?"), address));
                }
            }
        }
        return result;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor was closed meanwhile
                }
            }
        } catch (IOException e) {
            // the process exited meanwhile
        }
        return inodes;
    }

    /** Lines like {@code 0: 0100007F:1F90 00000000:0000 0A ... inode}: state 0A is LISTEN. */
    private static void readTable(Path table, boolean v6, Map<String, String> listeningByInode) throws IOException {
        if (!Files.exists(table)) {
            return;
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[3].equals("0A")) {
                String[] local = f[1].split(":");
                int port = Integer.parseInt(local[1], 16);
                listeningByInode.put(f[9], (v6 ? "[" + ipv6(local[0]) + "]" : ipv4(local[0])) + ":" + port);
            }
        }
    }

    /** /proc prints each 32-bit word of the address in host (little-endian) byte order. */
    static String ipv4(String hex) {
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            b[3 - i] = Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16);
        }
        return b[0] + "." + b[1] + "." + b[2] + "." + b[3];
    }

    static String ipv6(String hex) {
        StringBuilder bytes = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            String w = hex.substring(word * 8, word * 8 + 8);
            for (int i = 3; i >= 0; i--) {
                bytes.append(w, i * 2, i * 2 + 2);
            }
        }
        String all = bytes.toString().toLowerCase();
        if (all.equals("00000000000000000000000000000001")) {
            return "::1";
        }
        if (all.startsWith("00000000000000000000ffff")) {
            return "::ffff:" + ipv4(hex.substring(24));
        }
        if (all.equals("0".repeat(32))) {
            return "::";
        }
        return all;
    }
}
