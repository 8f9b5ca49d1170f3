package org.hearthmail.e2e;

import org.hearthmail.testsupport.FreePorts;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.hearthmail.mailstore.cli.MailstoreCommand;
import org.hearthmail.mailstore.intake.SpoolKeyFile;
import org.hearthmail.mailstore.rcptpush.RecipientCacheSalt;
import org.hearthmail.tls.SelfSignedCertificates;

/**
 * A relay and a mailstore data directory on loopback, provisioned for each other by hand as the
 * bundle would: the relay's certificate pinned at the mailstore, shared outbound credentials, the
 * spool key's public half and the recipient cache salt in relay.toml. Ports are free ones.
 */
final class LoopbackPair {
    static final String RELAY_NAME = "vps1";
    static final String SECRET = "a-long-enough-relay-secret-0123456789";

    final Path relay;
    final Path home;
    final int mx = FreePorts.tcp();
    final int intake = FreePorts.tcp();
    final int outbound = FreePorts.tcp();
    final int submission = FreePorts.tcp();
    final byte[] salt;

    LoopbackPair(Path dir) throws Exception {
        relay = Files.createDirectories(dir.resolve("relay/keys")).getParent();
        home = dir.resolve("home");
        if (MailstoreCommand.commandLine().execute("init", "--domain", "example.test", "--mx-host", "mx.example.test",
                "--data-dir", home.toString()) != 0) {
            throw new IllegalStateException("mailstore init failed");
        }
        salt = RecipientCacheSalt.loadOrCreate(home.resolve("keys"));
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(kc.certificate());
        }
        Files.writeString(relay.resolve("keys/tls-cert.pem"), w.toString());
        Files.writeString(relay.resolve("keys/tls-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kc.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        credentials(relay.resolve("keys/outbound-credentials"), SECRET);
        credentials(home.resolve("keys/relay-credentials"), SECRET);
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kc.certificate().getEncoded()));
        String spoolKey = SpoolKeyFile.load(home.resolve("keys")).orElseThrow().publicKey().toBase64();
        Files.writeString(relay.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\n"
                + "[gate]\npregreet_delay = \"0s\"\nfcrdns = \"off\"\n"
                + "[mailstore]\nintake = \"127.0.0.1:" + intake + "\"\n"
                // No DNS server: a closed loopback port, so sender checks end in temperror and nothing is refused.
                + "[dns]\nresolver = \"127.0.0.1:" + FreePorts.tcp() + "\"\n"
                + "[spool]\nmailstore_key = \"" + spoolKey + "\"\nmax_bytes = \"64M\"\n"
                + "recipient_cache_salt = \"" + RecipientCacheSalt.toBase64(salt) + "\"\nretry_max = \"1s\"\n"
                + "[outbound]\nlisten = \"127.0.0.1:" + outbound + "\"\n");
        Path toml = home.resolve("mailstore.toml");
        String text = FreePorts.move(Files.readString(toml), java.util.Map.of(10025, intake, 2587, submission,
                        2465, FreePorts.tcp(), 2143, FreePorts.tcp(), 2993, FreePorts.tcp(), 2526, outbound))
                .replaceFirst("tls_fingerprint = \"[^\"]*\"", "tls_fingerprint = \"" + fingerprint + "\"");
        Files.writeString(toml, text);
    }

    static void credentials(Path file, String secret) throws IOException {
        Files.writeString(file, "name = " + RELAY_NAME + "\nsecret = " + secret + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** {@code PROGRAM run --data-dir DIR} in its own JVM, output to {@code log}; waits until {@code port} answers. */
    static Process run(String mainClass, Path dataDir, int port, Path log) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass, "run", "--data-dir", dataDir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError(mainClass + " run exited: " + Files.readString(log));
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new AssertionError(mainClass + " run did not listen within 90 s: " + Files.readString(log));
    }

    /** Stops a {@link #run} process with SIGTERM (its shutdown hook closes the service) and waits. */
    static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code mailstore ARGS --data-dir HOME} in its own JVM, as an operator runs it beside {@code mailstore run}. */
    String mailstoreCli(String stdin, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.hearthmail.mailstore.cli.MailstoreCommand"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--data-dir", home.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("mailstore " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } finally {
            p.destroyForcibly();
        }
    }
}
