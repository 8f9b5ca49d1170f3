package org.hearthmail.relay.testing;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.hearthmail.smtp.Reply;
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
 * Our real SMTP server on a loopback address, standing in for a remote MX or the mailstore intake:
 * records every accepted message; a rule decides each RCPT.
 */
public final class RecordingMx implements AutoCloseable {

    /** One received message. */
    public record Received(String sender, List<String> recipients, String content, boolean tls) {
    }

    public final List<Received> messages = new CopyOnWriteArrayList<>();
    /** How often each recipient address was offered in RCPT. */
    public final Map<String, Integer> rcptCounts = new ConcurrentHashMap<>();
    private final SmtpServer server;
    private final InetSocketAddress address;
    private final java.security.cert.X509Certificate certificate;

    public java.security.cert.X509Certificate certificate() {
        return certificate;
    }

    /** @param rcptRule (address, times offered so far including this one) -> reply, null to accept */
    public RecordingMx(InetSocketAddress bind, BiFunction<String, Integer, Reply> rcptRule) throws Exception {
        this(bind, "mx.example.test", rcptRule);
    }

    /** @param certName the name in the server's self-signed certificate */
    public RecordingMx(InetSocketAddress bind, String certName, BiFunction<String, Integer, Reply> rcptRule) throws Exception {
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create(certName, Duration.ofDays(1));
        this.certificate = kc.certificate();
        var tls = TlsContexts.server(kc);
        server = new SmtpServer(SmtpServerConfig.builder(certName).tls(tls).build(), info -> new SessionHandler() {
            @Override
            public CompletionStage<Decision> mailFrom(SessionInfo s, MailFrom m) {
                return CompletableFuture.completedFuture(Decision.accept());
            }

            @Override
            public CompletionStage<Decision> rcptTo(SessionInfo s, MailFrom m, RcptTo r) {
                String a = r.recipient().toString();
                int n = rcptCounts.merge(a, 1, Integer::sum);
                Reply reply = rcptRule.apply(a, n);
                return CompletableFuture.completedFuture(reply == null ? Decision.accept() : Decision.reject(reply));
            }

            @Override
            public CompletionStage<MessageSink> openMessage(SessionInfo s, Envelope e) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                return CompletableFuture.completedFuture(new MessageSink() {
                    @Override
                    public CompletionStage<Void> write(ByteBuf chunk) {
                        try {
                            chunk.readBytes(buf, chunk.readableBytes());
                        } catch (java.io.IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        } finally {
                            chunk.release();
                        }
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public CompletionStage<Reply> finish() {
                        messages.add(new Received(e.mailFrom().isNullSender() ? "" : e.mailFrom().sender().toString(),
                                e.recipients().stream().map(r -> r.recipient().toString()).toList(),
                                buf.toString(StandardCharsets.UTF_8), s.tls() != null));
                        return CompletableFuture.completedFuture(Reply.MESSAGE_ACCEPTED);
                    }

                    @Override
                    public void abort() {
                    }
                });
            }
        });
        address = server.start(bind);
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        server.close();
    }
}
