package org.hearthmail.mailstore.submission;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Authenticator;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;

/**
 * Stands in for the relay's outbound listener: a real SmtpServer on loopback with STARTTLS
 * required and AUTH PLAIN against one relay name and secret; it records what it accepted.
 * Recipients whose local part starts with "refuse" get 550 5.7.1.
 */
final class FakeRelay implements AutoCloseable {
    static final String NAME = "relay1";
    static final String SECRET = "per-relay-secret-123";

    record Accepted(Envelope envelope, String content, SessionInfo session) {
    }

    final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    /** The reply to the end of data; anything but 250 keeps the message out of {@link #accepted}. */
    volatile Reply finalReply = Reply.of(250, "2.0.0", "Queued");
    final SelfSignedCertificates.KeyAndCertificate cert = SelfSignedCertificates.create("relay.example.test",
            java.time.Duration.ofDays(1));
    private final SmtpServer server;
    final InetSocketAddress address;

    FakeRelay() throws Exception {
        Authenticator auth = (session, c) -> CompletableFuture.completedFuture(
                c.username().equals(NAME) && new String(c.password()).equals(SECRET)
                        ? new Authenticator.Result.Success(NAME) : new Authenticator.Result.Failure(Reply.AUTH_INVALID));
        SmtpServerConfig config = SmtpServerConfig.builder("relay.example.test").tls(TlsContexts.server(cert))
                .requireTls(true).authenticator(auth).requireAuth(true).build();
        server = new SmtpServer(config, info -> new Handler());
        address = server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    String fingerprint() throws Exception {
        return CertificatePin.sha256Hex(cert.certificate());
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Handler implements SessionHandler {
        @Override
        public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
            return CompletableFuture.completedFuture(Decision.accept());
        }

        @Override
        public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
            return CompletableFuture.completedFuture(rcptTo.recipient().localPart().startsWith("refuse")
                    ? Decision.reject(Reply.RELAY_DENIED) : Decision.accept());
        }

        @Override
        public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            return CompletableFuture.completedFuture(new MessageSink() {
                @Override
                public CompletionStage<Void> write(ByteBuf chunk) {
                    try {
                        byte[] b = new byte[chunk.readableBytes()];
                        chunk.readBytes(b);
                        content.write(b, 0, b.length);
                    } finally {
                        chunk.release();
                    }
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public CompletionStage<Reply> finish() {
                    Reply reply = finalReply;
                    if (reply.code() == 250) {
                        accepted.add(new Accepted(envelope, content.toString(java.nio.charset.StandardCharsets.ISO_8859_1), session));
                    }
                    return CompletableFuture.completedFuture(reply);
                }

                @Override
                public void abort() {
                }
            });
        }
    }
}
