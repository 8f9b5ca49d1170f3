package org.hearthmail.e2e.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hearthmail.e2e.testbed.Addresses;
import org.hearthmail.e2e.testbed.EdgeRelay;
import org.hearthmail.e2e.testbed.Exec;
import org.hearthmail.e2e.testbed.Mailstore;
import org.hearthmail.e2e.testbed.Netns;
import org.hearthmail.e2e.testbed.StatusWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system across three namespaces, driven only by real processes and third-party clients
 * in "internet" (issue 7, "What it must show" 2): mail in through the relay's MX from swaks and from
 * a Postfix MTA; reading through the relay's IMAPS pass-through; a reply submitted through the
 * relay's 587 pass-through reaching a Postfix MX with valid DKIM; the mailstore unreachable from
 * "internet"; both {@code status} commands reporting the tunnel up. One testbed for the class; both
 * ends provisioned with the CLI, the vps<->home link the real WireGuard tunnel (wireguard-go) the
 * programs bring up across "internet".
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class WholeSystemTest {
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static HearthmailSystem system;

    @BeforeAll
    static void startSystem() {
        HearthmailSystem.assumeRunnable(true);
        system = HearthmailSystem.start(dir, true);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String readAlice(String subject) {
        return readAliceThroughTheRelay(subject).message().replace("\r\n", "\n");
    }

    private static Clients.Fetched readAliceThroughTheRelay(String subject) {
        Clients.Fetched f = system.clients.imapFetch(Addresses.VPS, EdgeRelay.IMAPS_PORT, HearthmailSystem.ALICE, system.alicePassword,
                subject, DELIVERY);
        assertThat(f.message()).as("message '%s' in alice's INBOX; mailstore log:\n%s\nrelay log:\n%s", subject,
                HearthmailSystem.tail(system.mailstore.log()), HearthmailSystem.tail(system.relay.log())).isNotNull();
        return f;
    }

    private static Exec.Result swaksToMx(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("--server", Addresses.VPS, "--port", String.valueOf(EdgeRelay.MX_PORT),
                "--ehlo", "client.remote.test", "--from", "bob@remote.test"));
        cmd.addAll(List.of(args));
        return system.clients.swaks(cmd.toArray(String[]::new));
    }

    // (a) swaks from "internet" to the relay's MX

    @Test
    void swaksMailReachesTheMailstoreWithTheClientsAddressAndAuthenticationResults() {
        String subject = unique("a-swaks");
        Exec.Result r = swaksToMx("--to", HearthmailSystem.ALICE, "-tls", "--header", "Subject: " + subject);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        // The mailstore's own reply, relayed live through the link.
        assertThat(r.stdout()).contains("<~  250 2.0.0 Stored");

        String m = readAlice(subject);
        String headers = m.substring(0, m.indexOf("\n\n"));
        // RFC 5321 §4.4: the mailstore's line (top) names the original client, as XCLIENT told it.
        assertThat(headers).containsPattern("(?s)^Received: from client\\.remote\\.test \\([^)]*\\[192\\.0\\.2\\.1\\]\\)\n\tby "
                + "home\\.example\\.test \\(Hearthmail\\)");
        assertThat(headers).containsPattern("by mx\\.example\\.test \\(Hearthmail relay\\) with ESMTPS");
        // RFC 8601: the relay's verdicts, from DNS served by knot (SPF ip4:192.0.2.0/24, DMARC aligned via SPF).
        assertThat(headers).contains("Authentication-Results: mx.example.test;");
        assertThat(headers).containsPattern("spf=pass[^;]*smtp\\.mailfrom=(bob@)?remote\\.test");
        assertThat(headers).containsPattern("dmarc=pass[^;]*header\\.from=remote\\.test");
    }

    @Test
    void unknownRecipientIsRefusedAtRcptWithTheMailstoresVerdict() {
        Exec.Result r = swaksToMx("--to", "nobody@example.test");
        // swaks exit 24: the server refused every recipient.
        assertThat(r.exit()).as(r.stdout()).isEqualTo(24);
        assertThat(r.stdout()).contains("<** 550 5.1.1");
    }

    @Test
    void relayingToAForeignDomainIsRefusedWith550_5_7_1() {
        Exec.Result r = swaksToMx("--to", "victim@remote.test");
        assertThat(r.exit()).as(r.stdout()).isEqualTo(24);
        assertThat(r.stdout()).contains("<** 550 5.7.1");
    }

    // (b) a Postfix MTA in "internet" finds example.test's MX in DNS and delivers to the relay

    @Test
    void postfixSendingMtaDeliversThroughTheRelayFoundByMxLookup() {
        String subject = unique("b-postfix");
        Exec.Result r = system.clients.swaks("--server", Addresses.SENDING_MTA, "--port", "25", "--ehlo", "client.remote.test",
                "--from", "carol@remote.test", "--to", HearthmailSystem.ALICE, "--header", "Subject: " + subject);
        assertThat(r.exit()).as(r.stdout()).isZero();
        String m = readAlice(subject);
        assertThat(m).as(system.sendingMta.maillog()).containsPattern("Received: from mta\\.remote\\.test \\([^)]*\\[192\\.0\\.2\\.26\\]\\)");
        assertThat(m).containsPattern("spf=pass[^;]*smtp\\.mailfrom=(carol@)?remote\\.test");
        assertThat(m).containsPattern("dmarc=pass[^;]*header\\.from=remote\\.test");
        // Postfix used STARTTLS when the relay offered it (smtp_tls_security_level = may).
        assertThat(m).containsPattern("by mx\\.example\\.test \\(Hearthmail relay\\) with ESMTPS");
        assertThat(system.sendingMta.maillog()).containsPattern("relay=mx\\.example\\.test\\[203\\.0\\.113\\.10\\]:25.*status=sent");
    }

    // (c) IMAP through the relay's 993 pass-through; TLS ends at the mailstore

    @Test
    void imapClientReadsThroughThePassThroughAndTheMailstoreLogsItsRealAddress() {
        String subject = unique("c-imap");
        assertThat(swaksToMx("--to", HearthmailSystem.ALICE, "--header", "Subject: " + subject).exit()).isZero();
        Clients.Fetched f = readAliceThroughTheRelay(subject);
        assertThat(f.message()).contains("Subject: " + subject);
        // The relay only copies bytes: TLS and the IMAP session end at the mailstore, which greets with its own name.
        assertThat(f.greeting()).contains(HearthmailSystem.HOME_HOST + " IMAP4rev1 ready");
        // PROXY v2 from the relay: the mailstore sees 192.0.2.1, not the relay's 10.77.0.1.
        assertThat(system.mailstore.log()).containsPattern("IMAP /192\\.0\\.2\\.1:\\d+ ");
        assertThat(system.mailstore.log()).doesNotContainPattern("IMAP /10\\.77\\.0\\.1:\\d+ ");
        assertThat(system.mailstore.log()).doesNotContain(system.alicePassword);
    }

    // (d) submission through the relay's 587 pass-through, out through the relay to the Postfix MX

    private static String reply(String subject) {
        return String.join("\n",
                "From: Alice <alice@example.test>",
                "To: User <user@remote.test>",
                "Subject: " + subject,
                "Message-ID: <" + subject + "@example.test>",
                "In-Reply-To: <original@remote.test>",
                "X-Mailer: smtplib-test",
                "User-Agent: WholeSystemTest/1",
                "X-Originating-IP: [192.0.2.1]",
                "",
                "Thanks, this is the reply.",
                "");
    }

    private static Path awaitAtRemoteMx(String subject) throws IOException {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (System.nanoTime() < deadline) {
            for (Path p : system.remoteMx.delivered()) {
                if (Files.readString(p, StandardCharsets.ISO_8859_1).contains("Subject: " + subject)) {
                    return p;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("'" + subject + "' did not reach the remote MX within " + DELIVERY.toSeconds()
                + " s; relay log:\n" + HearthmailSystem.tail(system.relay.log()) + "\nMX maillog:\n" + system.remoteMx.maillog()
                + "\nmailstore log:\n" + HearthmailSystem.tail(system.mailstore.log()));
    }

    private static void assertSignedAndStripped(Path delivered) throws IOException {
        String m = Files.readString(delivered, StandardCharsets.ISO_8859_1);
        String headers = m.substring(0, m.indexOf("\n\n"));
        // RFC 8463 and RFC 6376 §3.3: one Ed25519 and one RSA signature by example.test.
        assertThat(headers).containsPattern("DKIM-Signature:[^\n]*(\n\t[^\n]*)*a=ed25519-sha256");
        assertThat(headers).containsPattern("DKIM-Signature:[^\n]*(\n\t[^\n]*)*a=rsa-sha256");
        for (int index = 0; index < 2; index++) {
            Exec.Result v = system.clients.dkimverify(delivered, index);
            assertThat(v.stdout()).as("dkimverify --index %d: %s %s", index, v.stdout(), v.stderr()).contains("signature ok");
            assertThat(v.exit()).isZero();
        }
        assertThat(headers).doesNotContain("X-Mailer:", "User-Agent:", "X-Originating-IP:");
        // The only Received lines are the ones after the mailstore (the relay's queue and the MX); none names the client.
        assertThat(headers).doesNotContain("192.0.2.1]");
        // It left through the relay (its public address, its PTR name), not from home.
        assertThat(headers).containsPattern("Received: from mx\\.example\\.test \\(mx\\.example\\.test \\[203\\.0\\.113\\.10\\]\\)"
                + "\n\tby mx\\.remote\\.test");
    }

    @Test
    void replySubmittedWithSmtplibReachesTheRemoteMxWithValidDkimAndStrippedHeaders() throws IOException {
        String subject = unique("d-smtplib");
        Exec.Result r = system.clients.submit(Addresses.VPS, EdgeRelay.SUBMISSION_PORT, HearthmailSystem.ALICE, system.alicePassword,
                HearthmailSystem.ALICE, "user@remote.test", reply(subject));
        assertThat(r.stdout()).as(r.stderr()).contains("accepted");
        assertSignedAndStripped(awaitAtRemoteMx(subject));
    }

    @Test
    void replySubmittedWithSwaksReachesTheRemoteMxWithValidDkimAndStrippedHeaders() throws IOException {
        String subject = unique("d-swaks");
        // swaks adds its own X-Mailer header, which submission strips.
        Exec.Result r = system.clients.swaks("--server", Addresses.VPS, "--port", String.valueOf(EdgeRelay.SUBMISSION_PORT), "-tls",
                "--auth", "PLAIN", "--auth-user", HearthmailSystem.ALICE, "--auth-password", system.alicePassword,
                "--auth-hide-password", "--from", HearthmailSystem.ALICE, "--to", "user@remote.test",
                "--header", "Subject: " + subject);
        assertThat(r.exit()).as(r.stdout()).isZero();
        assertThat(r.stdout()).doesNotContain(system.alicePassword);
        assertSignedAndStripped(awaitAtRemoteMx(subject));
    }

    @Test
    void submissionWithAForgedFromIsRefusedWith550_5_7_1() {
        String subject = unique("d-forged");
        String forged = reply(subject).replace("From: Alice <alice@example.test>", "From: Boss <boss@example.test>");
        Exec.Result r = system.clients.submit(Addresses.VPS, EdgeRelay.SUBMISSION_PORT, HearthmailSystem.ALICE, system.alicePassword,
                HearthmailSystem.ALICE, "user@remote.test", forged);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(4);
        assertThat(r.stdout()).startsWith("refused 550").contains("5.7.1").contains("boss@example.test");
    }

    // (e) the mailstore is reachable only through the tunnel

    @Test
    void theMailstoresPortsAreUnreachableFromTheInternet() {
        Netns internet = system.testbed.internet;
        // The same ports answer through the relay, so a refusal below is not a dead mailstore.
        assertThat(internet.connects(Addresses.VPS, EdgeRelay.IMAPS_PORT, 5)).isTrue();
        assertThat(system.testbed.vps.connects(Addresses.MAILSTORE_TUNNEL, Mailstore.IMAPS_PORT, 5)).isTrue();
        for (String host : List.of(Addresses.HOME, Addresses.MAILSTORE_TUNNEL)) {
            for (int port : new int[] {Mailstore.IMAPS_PORT, Mailstore.INTAKE_PORT, Mailstore.SUBMISSION_PORT,
                    Mailstore.SUBMISSIONS_PORT, Mailstore.IMAP_PORT}) {
                assertThat(internet.connects(host, port, 3)).as("%s:%d from internet", host, port).isFalse();
            }
        }
    }

    @Test
    void theRelayReachesTheMailstoreOnlyThroughTheWireGuardInterface() {
        // No other path from "vps" to the mailstore's address: the route is the relay's WireGuard interface.
        Exec.Result route = system.testbed.vps.exec("ip", "-o", "route", "get", Addresses.MAILSTORE_TUNNEL);
        assertThat(route.stdout()).as(route.stderr()).contains("dev " + system.tunnel.relayInterface() + " ");
        Exec.Result wg = system.testbed.home.exec("ip", "-o", "address", "show", "dev", system.tunnel.homeInterface());
        assertThat(wg.stdout()).as(wg.stderr()).contains("inet " + Addresses.MAILSTORE_TUNNEL + "/24");
    }

    // status on both sides

    @Test
    void statusOnBothSidesShowsTheTunnelUpWithACompletedHandshake() {
        JsonNode relay = StatusWatch.await(system.relay::status, s -> StatusWatch.tunnelHealth(s).equals("UP"),
                Duration.ofSeconds(60), "edge-relay status: tunnel up");
        assertThat(relay.at("/tunnel/peers/0/name").asText()).isEqualTo("mailstore");
        assertThat(relay.at("/tunnel/peers/0/lastHandshake").isTextual()).as("relay: handshake completed: %s", relay).isTrue();
        JsonNode home = StatusWatch.await(system.mailstore::status, s -> StatusWatch.tunnelHealth(s).equals("UP"),
                Duration.ofSeconds(60), "mailstore status: tunnel up");
        assertThat(home.at("/tunnel/peers/0/name").asText()).isEqualTo("vps1");
        assertThat(home.at("/tunnel/peers/0/lastHandshake").isTextual()).as("mailstore: handshake completed: %s", home).isTrue();
    }
}
