package org.hearthmail.smtp.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Postfix's smtp-sink started on 127.0.0.1 with a free port, dumping each transaction to its own
 * file ({@code -d}). Stopped by PID. Test code only.
 */
final class SmtpSink implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/smtp-sink");

    private final Process process;
    private final Path dumpDir;
    private final int port;

    private SmtpSink(Process process, Path dumpDir, int port) {
        this.process = process;
        this.dumpDir = dumpDir;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts smtp-sink with extra options (e.g. {@code -f RCPT}); retries on a lost port race. */
    static SmtpSink start(String... options) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("smtp-sink");
        // smtp-sink drops to "nobody" (-u) before writing dumps.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (int attempt = 0; attempt < 3; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-c", "-t", "30", "-d", dir + "/msg."));
            if ("root".equals(System.getProperty("user.name"))) {
                cmd.addAll(List.of("-u", "nobody")); // smtp-sink refuses to run as root without -u
            }
            cmd.addAll(List.of(options));
            cmd.addAll(List.of("127.0.0.1:" + port, "16"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("smtp-sink.log").toFile()).start();
            for (int i = 0; i < 100 && p.isAlive(); i++) { // at most 5 s
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return new SmtpSink(p, dir, port);
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        throw new IOException("smtp-sink did not start; see " + dir.resolve("smtp-sink.log"));
    }

    int port() {
        return port;
    }

    /** Waits (bounded) until {@code count} transactions have been dumped and returns the dump files' contents. */
    List<byte[]> awaitDumps(int count) throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) { // at most 10 s
            List<Path> files;
            try (Stream<Path> s = Files.list(dumpDir)) {
                files = s.filter(f -> f.getFileName().toString().startsWith("msg.")).sorted().toList();
            }
            if (files.size() >= count) {
                Thread.sleep(100); // smtp-sink closes the file right after "."; let it finish
                List<byte[]> out = new ArrayList<>();
                for (Path f : files) {
                    out.add(Files.readAllBytes(f));
                }
                return out;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("smtp-sink did not dump " + count + " transaction(s) in 10 s");
    }

    /** Deletes dumps so the next test counts from zero. */
    void clearDumps() throws IOException {
        try (Stream<Path> s = Files.list(dumpDir)) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith("msg.")).toList()) {
                Files.delete(f);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ProcessHandle h = process.toHandle();
        h.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            h.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(dumpDir)) {
            for (Path f : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
