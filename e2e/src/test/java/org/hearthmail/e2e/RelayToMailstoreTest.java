package org.hearthmail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.intake.IntakeConfig;
import org.hearthmail.mailstore.intake.IntakeServer;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.proxy.CidrSet;
import java.time.Clock;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.relay.buffer.TempDirectory;
import org.hearthmail.relay.checks.AuthPolicy;
import org.hearthmail.relay.checks.SenderChecks;
import org.hearthmail.relay.forward.InboundChecks;
import org.hearthmail.relay.forward.InboundConfig;
import org.hearthmail.relay.forward.InboundServer;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relay and mailstore on loopback (the tunnel comes later in the namespace tests), driven by swaks:
 * live pass-through with XCLIENT, the mailstore's RCPT verdicts relayed, no open relay, and the
 * trace fields of both hops.
 */
class RelayToMailstoreTest {

    @TempDir
    Path dir;
    private SqliteMailStore store;
    private IntakeServer intake;
    private InboundServer relay;
    private InetSocketAddress mx;
    private User alice;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @BeforeEach
    void start() throws Exception {
        store = SqliteMailStore.open(new DataDirectory(dir.resolve("home")).create(), StoreOptions.defaults());
        store.addDomain("example.test");
        alice = store.addUser("alice@example.test", null, 0);
        intake = new IntakeServer(new IntakeConfig("home.example.test", new InetSocketAddress("127.0.0.1", 0),
                CidrSet.of("127.0.0.1/32"), 25L * 1024 * 1024, "mx.example.test", false), store, executor);
        InetSocketAddress intakeAddress = intake.start();
        relay = new InboundServer(new InboundConfig("mx.example.test", Set.of("example.test"), intakeAddress, 25L * 1024 * 1024),
                new InetSocketAddress("127.0.0.1", 0),
                TlsContexts.server(SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1))),
                // No DNS server: a closed loopback port, so every check ends in temperror and nothing is refused.
                new InboundChecks(new SenderChecks(new DnsjavaResolver(new DnsjavaResolver.Config(
                        new InetSocketAddress("127.0.0.1", 9), Duration.ofMillis(500), 1), executor), executor,
                        "mx.example.test", AuthPolicy.REJECT, "mx.example.test", Clock.systemUTC()),
                        TempDirectory.prepare(dir.resolve("relay-tmp")), executor));
        mx = relay.start();
    }

    @AfterEach
    void stop() {
        relay.close();
        intake.close();
        store.close();
        executor.shutdownNow();
    }

    private record Run(int exit, String transcript) {
    }

    private Run swaks(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port", String.valueOf(mx.getPort()),
                "--helo", "sender.example", "--from", "bob@sender.example", "--timeout", "20"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "swaks", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("swaks did not finish: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out));
    }

    private List<MessageMeta> inbox() {
        return store.messages(store.mailbox(alice.id(), MailboxRole.INBOX).orElseThrow().id());
    }

    private String body(MessageMeta m) throws IOException {
        try (InputStream in = store.openBody(m)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mailPassesThroughOverStartTlsWithBothTraceFields() throws Exception {
        Path msg = dir.resolve("msg.eml");
        Files.writeString(msg, "From: bob@sender.example\r\nTo: alice@example.test\r\nSubject: pass-through\r\n\r\nHello Alice\r\n.dot line");
        // swaks ends the data with CRLF "." CRLF itself.
        Run r = swaks("--to", "alice@example.test", "-tls", "--data", msg.toString());
        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(r.transcript()).contains("<~  250 2.0.0 Stored");
        List<MessageMeta> inbox = inbox();
        assertThat(inbox).hasSize(1);
        String stored = body(inbox.get(0));
        // The mailstore's line names the original client, as XCLIENT told it (PROTO carries only ESMTP).
        assertThat(stored).startsWith("Received: from sender.example (unknown [127.0.0.1])\r\n\tby home.example.test (Hearthmail) with ESMTP\r\n");
        // The relay's line says how TLS was negotiated.
        // Above the relay's line: its Authentication-Results (DNS unreachable here: temperror).
        assertThat(stored).contains("\r\nAuthentication-Results: mx.example.test;\r\n\tspf=temperror");
        assertThat(stored.indexOf("Authentication-Results")).isLessThan(stored.indexOf("(Hearthmail relay)"));
        assertThat(stored).containsPattern("by mx\\.example\\.test \\(Hearthmail relay\\) with ESMTPS \\(using TLSv1\\.[23] with cipher \\w+\\)");
        assertThat(stored).endsWith("Subject: pass-through\r\n\r\nHello Alice\r\n.dot line\r\n");
    }

    @Test
    void unknownRecipientIsRefusedAtRcptWithTheMailstoresVerdict() throws Exception {
        Run r = swaks("--to", "nobody@example.test");
        assertThat(r.exit()).isEqualTo(24);
        assertThat(r.transcript()).contains("<** 550 5.1.1 No such user here");
        assertThat(inbox()).isEmpty();
    }

    @Test
    void relayingToAForeignDomainIsRefusedWith550_5_7_1() throws Exception {
        Run r = swaks("--to", "victim@elsewhere.example");
        assertThat(r.exit()).isEqualTo(24);
        assertThat(r.transcript()).contains("<** 550 5.7.1 Relaying denied");
    }

    @Test
    void severalMessagesOnOneConnectionEachGetTheMailstoresReply() throws Exception {
        for (int i = 0; i < 3; i++) {
            Run r = swaks("--to", "alice@example.test", "--header", "Subject: n" + i, "--pipeline");
            assertThat(r.exit()).as(r.transcript()).isZero();
        }
        assertThat(inbox()).hasSize(3);
    }
}
