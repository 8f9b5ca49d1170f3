package org.hearthmail.smtp.server;

import org.hearthmail.testsupport.LineClient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.proxy.ProxyProtocolConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** XCLIENT and PROXY: the client's real identity, honoured only from the relay's tunnel address. */
class XClientAndProxyTest {

    private static final InetSocketAddress RELAY = new InetSocketAddress("10.77.0.1", 50000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("203.0.113.9", 50000);
    private SmtpHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private SmtpHarness from(InetSocketAddress peer) {
        CidrSet trusted = CidrSet.of("10.77.0.1/32");
        h = new SmtpHarness(SmtpHarness.config().xclientTrusted(trusted::contains).build(), new RecordingHandler(), peer);
        h.replies();
        return h;
    }

    @Test
    void xclientFromAnUntrustedAddressIsRefusedWith550_5_7_0AndNotAdvertised() {
        from(STRANGER).send("EHLO relay\r\n");
        assertThat(h.replies()).doesNotContain("XCLIENT");
        h.send("XCLIENT ADDR=192.0.2.55\r\n").expect("550 5.7.0 Insufficient authorization");
    }

    @Test
    void xclientFromTheRelayReplacesTheClientAndRestartsTheSession() {
        from(RELAY).send("EHLO relay\r\n");
        assertThat(h.replies()).contains("250-XCLIENT ADDR PORT NAME HELO PROTO LOGIN DESTADDR DESTPORT");
        h.send("XCLIENT HELO=sender.example.org PROTO=ESMTP PORT=4321 DESTADDR=198.51.100.1 DESTPORT=25\r\n")
                .expect("220 mx.example.test ESMTP ready");
        h.send("XCLIENT NAME=mail.sender.example ADDR=192.0.2.55\r\n").expect("220 mx.example.test ESMTP ready");
        // A fresh session: EHLO is required again.
        h.send("MAIL FROM:<a@sender.example>\r\n").expect("503 Send EHLO or HELO first");
        h.send("EHLO relay\r\n").replies();
        h.send("MAIL FROM:<a@sender.example>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n").replies();
        h.send("hi\r\n.\r\n").expect("250 2.0.0 Message accepted");
        SessionInfo info = h.handler.stored.get(0).session();
        assertThat(info.client()).isEqualTo(new InetSocketAddress("192.0.2.55", 4321));
        assertThat(info.clientName()).isEqualTo("mail.sender.example");
        assertThat(info.helo()).isEqualTo("sender.example.org");
        assertThat(info.protocol()).isEqualTo("ESMTP");
        assertThat(info.server()).isEqualTo(new InetSocketAddress("198.51.100.1", 25));
        assertThat(info.forwarded()).isTrue();
    }

    @Test
    void xclientCarriesIpv6AndUnavailableValues() throws Exception {
        from(RELAY).send("EHLO relay\r\n").replies();
        h.send("XCLIENT NAME=[UNAVAILABLE] ADDR=IPV6:2001:db8::7\r\n").expect("220 mx.example.test ESMTP ready");
        h.send("EHLO relay\r\nMAIL FROM:<>\r\n").replies();
        assertThat(h.handler.lastInfo.client().getAddress()).isEqualTo(InetAddress.getByName("2001:db8::7"));
        assertThat(h.handler.lastInfo.clientName()).isNull();
    }

    @Test
    void xclientInsideATransactionIs503() {
        from(RELAY).send("EHLO relay\r\nMAIL FROM:<a@example.org>\r\n").replies();
        h.send("XCLIENT ADDR=192.0.2.55\r\n").expect("503 5.5.1 XCLIENT not allowed during a mail transaction");
    }

    @Test
    void xclientWithBadSyntaxIs501() {
        from(RELAY).send("EHLO relay\r\n").replies();
        h.send("XCLIENT ADDR=not-an-ip\r\n").expectCodes("501 5.5.4");
        h.send("XCLIENT COLOUR=blue\r\n").expectCodes("501 5.5.4");
        h.send("XCLIENT PORT=70000\r\n").expectCodes("501 5.5.4");
        h.send("NOOP\r\n").expect("250 2.0.0 OK");
    }

    @Test
    void proxyHeaderFromATrustedSourceSetsTheClientBeforeTheGreeting() throws Exception {
        SmtpServerConfig config = SmtpServerConfig.builder("mx.example.test")
                .proxyProtocol(ProxyProtocolConfig.trusting(CidrSet.of("127.0.0.1/32"))).build();
        RecordingHandler handler = new RecordingHandler();
        try (SmtpServer server = new SmtpServer(config, handler.factory())) {
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (LineClient c = new LineClient(addr)) {
                c.send("PROXY TCP4 192.0.2.77 198.51.100.1 5555 465\r\nEHLO client.example\r\n");
                assertThat(c.reply()).startsWith("220 mx.example.test");
                assertThat(c.reply()).startsWith("250-mx.example.test");
                assertThat(c.command("MAIL FROM:<a@example.org>")).startsWith("250");
            }
            assertThat(handler.lastInfo.client()).isEqualTo(new InetSocketAddress("192.0.2.77", 5555));
            assertThat(handler.lastInfo.server()).isEqualTo(new InetSocketAddress("198.51.100.1", 465));
            assertThat(handler.lastInfo.forwarded()).isTrue();
        }
    }

    @Test
    void proxyHeaderFromAnUntrustedSourceIsNotHonoured() throws Exception {
        SmtpServerConfig config = SmtpServerConfig.builder("mx.example.test")
                .proxyProtocol(ProxyProtocolConfig.trusting(CidrSet.of("10.77.0.1/32"))).build();
        RecordingHandler handler = new RecordingHandler();
        try (SmtpServer server = new SmtpServer(config, handler.factory())) {
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (LineClient c = new LineClient(addr)) {
                String first = c.reply();
                // The greeting comes at once (no header expected from this peer) ...
                assertThat(first).startsWith("220 ");
                c.send("PROXY TCP4 192.0.2.77 198.51.100.1 5555 25\r\n");
                // ... and a header from it is not honoured: the connection is closed.
                assertThat(c.reply()).isNull();
            }
            assertThat(handler.lastInfo).isNull();
        }
    }
}
