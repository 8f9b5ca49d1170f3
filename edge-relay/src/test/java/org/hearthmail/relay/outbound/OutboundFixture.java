package org.hearthmail.relay.outbound;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.SuppressionList;
import org.hearthmail.smtp.client.AuthMechanism;
import org.hearthmail.smtp.client.Envelope;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.TlsPolicy;
import org.hearthmail.smtp.client.TransactionResult;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;

/** Starts a real outbound listener on loopback and plays the mailstore's side of the hand-off. */
final class OutboundFixture {
    static final String RELAY = "vps1";
    static final String SECRET = "correct horse battery staple 42";

    private OutboundFixture() {
    }

    static OutboundListener listener(QueueStore queue, SuppressionList suppression) throws Exception {
        var tls = TlsContexts.server(SelfSignedCertificates.create("relay.example.test", Duration.ofDays(1)));
        OutboundConfig cfg = new OutboundConfig(new InetSocketAddress("127.0.0.1", 0), "relay.example.test", tls, RELAY,
                SECRET.getBytes(StandardCharsets.UTF_8), 10 * 1024 * 1024, 100);
        return new OutboundListener(cfg, queue, suppression);
    }

    /** Connects, STARTTLS, AUTH PLAIN; the caller closes the client. */
    static SmtpClient handOff(InetSocketAddress addr, String user, String secret) throws Exception {
        SmtpClient c = SmtpClient.connect(addr.getHostString(), addr.getPort(), Duration.ofSeconds(5)).get();
        c.ehlo("mailstore.example.test").get();
        c.startTls(TlsPolicy.opportunistic()).get();
        c.auth(AuthMechanism.PLAIN, user, secret).get();
        return c;
    }

    static TransactionResult send(SmtpClient c, String from, String body, String... to) throws Exception {
        return c.send(Envelope.of(from, to), MessageBody.of(body.getBytes(StandardCharsets.UTF_8))).get();
    }

    static String message(String subject) {
        return "From: a@home.example.test\r\nTo: b@remote.example.test\r\nSubject: " + subject + "\r\n\r\nHello " + subject + "\r\n";
    }
}
