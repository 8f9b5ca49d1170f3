package org.hearthmail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearthmail.dkim.DkimKeys;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.interop.KnotServer;
import org.hearthmail.interop.Python;
import org.hearthmail.mailstore.intake.IntakeConfig;
import org.hearthmail.mailstore.intake.IntakeServer;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.relay.buffer.TempDirectory;
import org.hearthmail.relay.checks.AuthPolicy;
import org.hearthmail.relay.checks.SenderChecks;
import org.hearthmail.relay.forward.InboundChecks;
import org.hearthmail.relay.forward.InboundConfig;
import org.hearthmail.relay.forward.InboundServer;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sender authentication in the relay's pass-through, against a real DNS server (knotd on loopback)
 * publishing SPF, DKIM keys and DMARC policies, with messages signed by dkimpy and sent by swaks;
 * dkimpy's own verifier cross-checks the DKIM results on the same bytes.
 */
class RelayAuthenticationTest {

    static final String AUTHSERV_ID = "mx.example.test";
    static final KeyPair RSA = DkimKeys.generateRsa2048();
    static final String KEY_TXT = DkimKeys.txtRecord(RSA.getPublic());

    @TempDir
    static Path shared;
    static KnotServer knot;
    static Path tool;
    static ExecutorService executor;

    @TempDir
    Path dir;
    private SqliteMailStore store;
    private IntakeServer intake;
    private InboundServer relay;
    private InetSocketAddress mx;
    private User alice;

    @BeforeAll
    static void startDns() throws Exception {
        KnotServer.assumeInstalled();
        Python.assumeModules("python3-dkim", "dkim");
        Map<String, String> zones = new LinkedHashMap<>();
        // p=reject, signs its mail, sends from 127.0.0.1.
        zones.put("signed.test", "@ TXT \"v=spf1 ip4:127.0.0.1 -all\"\n_dmarc TXT \"v=DMARC1; p=reject\"\n"
                + "rsa._domainkey TXT " + KnotServer.txt(KEY_TXT) + "\n");
        // An envelope domain that passes SPF from 127.0.0.1 but publishes no DMARC policy.
        zones.put("other.test", "@ TXT \"v=spf1 ip4:127.0.0.1 -all\"\n");
        zones.put("quar.test", "@ TXT \"v=spf1 -all\"\n_dmarc TXT \"v=DMARC1; p=quarantine\"\n");
        zones.put("strict.test", "@ TXT \"v=spf1 ip4:192.0.2.1 -all\"\n");
        knot = KnotServer.start(Files.createDirectories(shared.resolve("knot")), zones);
        tool = Python.script(Files.createDirectories(shared.resolve("py")), "dkimpy_tool.py");
        executor = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopDns() {
        if (knot != null) {
            knot.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @BeforeEach
    void start() throws Exception {
        store = SqliteMailStore.open(new DataDirectory(dir.resolve("home")).create(), StoreOptions.defaults());
        store.addDomain("example.test");
        alice = store.addUser("alice@example.test", null, 0);
        intake = new IntakeServer(new IntakeConfig("home.example.test", new InetSocketAddress("127.0.0.1", 0),
                CidrSet.of("127.0.0.1/32"), 25L * 1024 * 1024, AUTHSERV_ID, false), store, executor);
        InetSocketAddress intakeAddress = intake.start();
        DnsjavaResolver dns = new DnsjavaResolver(new DnsjavaResolver.Config(knot.address(), Duration.ofSeconds(2), 1), executor);
        relay = new InboundServer(new InboundConfig("mx.example.test", Set.of("example.test"), intakeAddress, 25L * 1024 * 1024),
                new InetSocketAddress("127.0.0.1", 0),
                TlsContexts.server(SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1))),
                new InboundChecks(new SenderChecks(dns, executor, AUTHSERV_ID, AuthPolicy.REJECT, "mx.example.test",
                        Clock.systemUTC()), TempDirectory.prepare(dir.resolve("relay-tmp")), executor));
        mx = relay.start();
    }

    @AfterEach
    void stop() {
        relay.close();
        intake.close();
        store.close();
    }

    private record Run(int exit, String transcript) {
    }

    private Run swaks(String from, Path data) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port", String.valueOf(mx.getPort()),
                "--helo", "sender.example", "--from", from, "--to", "alice@example.test", "--timeout", "20",
                "--data", "@" + data));
        Path out = Files.createTempFile(dir, "swaks", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("swaks did not finish: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out));
    }

    private static String message(String from, String subject) {
        return "From: " + from + "\r\nTo: alice@example.test\r\nSubject: " + subject + "\r\n"
                + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\nMessage-ID: <" + subject.replace(' ', '.') + "@signed.test>\r\n"
                + "\r\nHello Alice,\r\nthis is a test.\r\n";
    }

    /** dkimpy signs (relaxed/relaxed, rsa-sha256) with the key published in knot. */
    private Path dkimpySigned(String message) throws IOException {
        Path msg = Files.createTempFile(dir, "unsigned", ".eml");
        Files.writeString(msg, message, StandardCharsets.ISO_8859_1);
        Path key = dir.resolve("rsa.key");
        if (!Files.exists(key)) {
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(RSA.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        }
        String sig = Python.run(List.of(tool.toString(), "sign", msg.toString(), "rsa", "signed.test", key.toString(),
                "rsa-sha256", "relaxed/relaxed", "0"), dir).requireSuccess().stdout();
        Path signed = Files.createTempFile(dir, "signed", ".eml");
        Files.writeString(signed, sig + message, StandardCharsets.ISO_8859_1);
        return signed;
    }

    /** dkimpy's verdict per DKIM-Signature on these bytes, with the same key record knot serves. */
    private List<Boolean> dkimpyVerify(byte[] message) throws IOException {
        Path msg = Files.createTempFile(dir, "verify", ".eml");
        Files.write(msg, message);
        Path json = dir.resolve("dns.json");
        Files.writeString(json, "{\"rsa._domainkey.signed.test\": \"" + KEY_TXT + "\"}");
        List<Boolean> out = new ArrayList<>();
        for (String line : Python.run(List.of(tool.toString(), "verify", msg.toString(), json.toString()), dir)
                .requireSuccess().stdout().strip().split("\n")) {
            if (!line.isBlank()) {
                out.add(Boolean.parseBoolean(line.split(" ")[1]));
            }
        }
        return out;
    }

    private List<MessageMeta> mailbox(MailboxRole role) {
        return store.messages(store.mailbox(alice.id(), role).orElseThrow().id());
    }

    private byte[] stored(MessageMeta m) throws IOException {
        try (InputStream in = store.openBody(m)) {
            return in.readAllBytes();
        }
    }

    @Test
    void dkimpySignedMessagePassesDkimAndDmarcAndArrivesWithOneAuthenticationResultsAboveTheRelaysReceived() throws Exception {
        Run r = swaks("bob@signed.test", dkimpySigned(message("Bob <bob@signed.test>", "signed hello")));
        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(r.transcript()).contains("<-  250 2.0.0 Stored");
        List<MessageMeta> inbox = mailbox(MailboxRole.INBOX);
        assertThat(inbox).hasSize(1);
        byte[] bytes = stored(inbox.get(0));
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(s).startsWith("Received: from sender.example");
        int ar = s.indexOf("Authentication-Results: " + AUTHSERV_ID + ";");
        assertThat(ar).isPositive();
        assertThat(s.indexOf("Authentication-Results")).as("exactly one").isEqualTo(s.lastIndexOf("Authentication-Results"));
        assertThat(ar).isLessThan(s.indexOf("(Hearthmail relay)"));
        assertThat(s.substring(ar, s.indexOf("Received:", ar)))
                .contains("spf=pass smtp.mailfrom=bob@signed.test", "dkim=pass header.d=signed.test header.s=rsa",
                        "dmarc=pass header.from=signed.test");
        assertThat(s).doesNotContain("Hearthmail-Verdict");
        // dkimpy agrees on the very bytes stored (our added fields are not signed).
        assertThat(dkimpyVerify(bytes)).containsExactly(true);
    }

    @Test
    void forgedFromOfARejectDomainIsRefusedWith550_5_7_1AndNothingIsStored() throws Exception {
        Path forged = dir.resolve("forged.eml");
        Files.writeString(forged, message("The CEO <ceo@signed.test>", "wire money"));
        Run r = swaks("bob@other.test", forged);
        assertThat(r.transcript()).containsPattern("<\\*\\* +550 5\\.7\\.1 Message rejected: DMARC policy of signed\\.test");
        assertThat(mailbox(MailboxRole.INBOX)).isEmpty();
        assertThat(mailbox(MailboxRole.JUNK)).isEmpty();
        assertThat(dir.resolve("relay-tmp")).isEmptyDirectory();
    }

    @Test
    void messageAlteredAfterSigningFailsDkimLikeDkimpySaysAndIsRefused() throws Exception {
        Path signed = dkimpySigned(message("Bob <bob@signed.test>", "altered"));
        String altered = Files.readString(signed, StandardCharsets.ISO_8859_1).replace("this is a test.", "this is a trap.");
        Files.writeString(signed, altered, StandardCharsets.ISO_8859_1);
        assertThat(dkimpyVerify(altered.getBytes(StandardCharsets.ISO_8859_1))).containsExactly(false);
        Run r = swaks("bob@other.test", signed);
        assertThat(r.transcript()).contains("550 5.7.1 Message rejected: DMARC");
        assertThat(mailbox(MailboxRole.INBOX)).isEmpty();
    }

    @Test
    void quarantineFailureLandsInJunkWithTheResultsAndWithoutTheVerdictField() throws Exception {
        Path msg = dir.resolve("quar.eml");
        Files.writeString(msg, message("news@quar.test", "cheap offer"));
        Run r = swaks("bob@other.test", msg);
        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(mailbox(MailboxRole.INBOX)).isEmpty();
        List<MessageMeta> junk = mailbox(MailboxRole.JUNK);
        assertThat(junk).hasSize(1);
        String s = new String(stored(junk.get(0)), StandardCharsets.ISO_8859_1);
        assertThat(s).contains("spf=pass smtp.mailfrom=bob@other.test", "dkim=none", "dmarc=fail header.from=quar.test")
                .doesNotContain("Hearthmail-Verdict");
    }

    @Test
    void spfFailIsRefusedAtMailWith550_5_7_23() throws Exception {
        Path msg = dir.resolve("spf.eml");
        Files.writeString(msg, message("x@strict.test", "spf"));
        Run r = swaks("x@strict.test", msg);
        assertThat(r.transcript()).containsPattern("<\\*\\* +550 5\\.7\\.23 SPF validation failed");
        assertThat(r.transcript()).doesNotContain("RCPT TO");
        assertThat(mailbox(MailboxRole.INBOX)).isEmpty();
    }
}
