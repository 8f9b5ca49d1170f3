package org.hearthmail.e2e;


import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.hearthmail.tls.SelfSignedCertificates;

/**
 * {@code edge-relay run} in its own JVM (so a test can SIGKILL it), from a data directory the test
 * wrote, plus the small pieces such a directory needs (a self-signed certificate, free ports).
 */
final class RelayProcess {
    private RelayProcess() {
    }

    /** Writes {@code keys/tls-cert.pem} and {@code keys/tls-key.pem} (PKCS#8) for {@code host} into {@code relayDir}. */
    static void writeSelfSignedTls(Path relayDir, String host) throws IOException {
        Path keys = Files.createDirectories(relayDir.resolve("keys"));
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create(host, Duration.ofDays(1));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(kc.certificate());
        }
        Files.writeString(keys.resolve("tls-cert.pem"), w.toString());
        Files.writeString(keys.resolve("tls-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(kc.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    /**
     * Starts the relay with the test's class path and waits until {@code awaitPort} on 127.0.0.1
     * accepts connections (at most 60 s; the process is killed and an AssertionError thrown otherwise).
     */
    static Process start(Path relayDir, Path log, int awaitPort, String... jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.hearthmail.relay.cli.EdgeRelayCommand",
                "run", "--data-dir", relayDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("edge-relay run exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", awaitPort), 500);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        kill(p);
        throw new AssertionError("edge-relay run did not listen on " + awaitPort + " within 60 s: " + Files.readString(log));
    }

    /** SIGKILL to this process only (Linux: destroyForcibly), and wait for it to be gone. */
    static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + p.pid() + " survived SIGKILL for 10 s");
        }
    }
}
