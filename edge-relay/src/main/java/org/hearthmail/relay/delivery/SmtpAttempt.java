package org.hearthmail.relay.delivery;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hearthmail.relay.queue.DeliveryOutcome;
import org.hearthmail.relay.queue.DeliveryRequest;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.AuthMechanism;
import org.hearthmail.smtp.client.Capabilities;
import org.hearthmail.smtp.client.Envelope;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpReplyException;
import org.hearthmail.smtp.client.SmtpTlsException;
import org.hearthmail.smtp.client.TlsPolicy;
import org.hearthmail.smtp.client.TransactionResult;

/**
 * One SMTP session to one address for one delivery request: EHLO, STARTTLS when offered (or
 * required), optional AUTH, then the transaction with pipelining; maps the replies to per-recipient
 * outcomes. Blocking: runs on a delivery worker thread.
 */
final class SmtpAttempt {

    /** TLS for this session: null for plaintext. {@code required} turns a missing STARTTLS into a failure. */
    record Tls(TlsPolicy policy, boolean required) {
    }

    /** AUTH PLAIN credentials for the next hop, or null. */
    record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=<redacted>]";
        }
    }

    private SmtpAttempt() {
    }

    static AttemptResult run(EventLoopGroup group, DeliveryConfig cfg, InetAddress address, int port, String mtaName,
                             DeliveryRequest req, Tls tls, Login login) throws InterruptedException {
        String where = mtaName + " [" + address.getHostAddress() + "]";
        long timeoutMs = cfg.attemptTimeout().toMillis();
        SmtpClient client;
        try {
            client = SmtpClient.connect(group, cfg.client(), address.getHostAddress(), port, cfg.connectTimeout())
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new AttemptResult.TryNext(where + ": " + reason(e));
        }
        try (client) {
            Capabilities caps = client.ehlo(cfg.heloName()).get(timeoutMs, TimeUnit.MILLISECONDS);
            if (tls != null) {
                if (caps.startTls()) {
                    try {
                        caps = client.startTls(tls.policy()).get(timeoutMs, TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof SmtpReplyException && !tls.required()) {
                            // 454: RFC 3207 §4 lets us go on in plaintext when TLS is only opportunistic.
                        } else {
                            return new AttemptResult.TryNext(where + ": TLS failed: " + reason(e),
                                    e.getCause() instanceof SmtpTlsException ? AttemptResult.CERTIFICATE_NOT_TRUSTED : null);
                        }
                    }
                } else if (tls.required()) {
                    return new AttemptResult.TryNext(where + ": STARTTLS not offered but required",
                            AttemptResult.STARTTLS_NOT_SUPPORTED);
                }
            }
            if (login != null) {
                client.auth(AuthMechanism.PLAIN, login.user(), login.password()).get(timeoutMs, TimeUnit.MILLISECONDS);
            }
            QueuedMessage msg = req.message();
            if (msg.smtpUtf8() && !caps.smtpUtf8()) {
                // RFC 6531 §3.2: without SMTPUTF8 at the server, the message cannot be delivered as is.
                return done(req, r -> new DeliveryOutcome.Failed(r.address(),
                        "553 5.6.7 " + where + " does not support SMTPUTF8 (RFC 6531)", where));
            }
            Envelope env = envelope(msg, req.recipients(), caps);
            TransactionResult tr = client.send(env, MessageBody.of(req.content()))
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            client.quit();
            return outcomes(req, tr, where);
        } catch (ExecutionException | TimeoutException e) {
            return new AttemptResult.TryNext(where + ": " + reason(e));
        }
    }

    static AttemptResult outcomes(DeliveryRequest req, TransactionResult tr, String where) {
        Reply mail = tr.mail();
        if (mail.isTransientFailure()) {
            return new AttemptResult.TryNext(where + " said to MAIL: " + Replies.describe(mail));
        }
        if (mail.isPermanentFailure()) {
            return done(req, r -> new DeliveryOutcome.Failed(r.address(), Replies.describe(mail), where));
        }
        List<DeliveryOutcome> out = new ArrayList<>();
        Reply content = tr.message().orElse(null);
        for (int i = 0; i < req.recipients().size(); i++) {
            String addr = req.recipients().get(i).address();
            Reply rcpt = tr.recipients().get(i).reply();
            Reply verdict = !rcpt.isPositive() ? rcpt : content;
            if (verdict == null) {
                out.add(new DeliveryOutcome.Deferred(addr, "451 4.4.2 " + where + " gave no reply to the content", where));
            } else if (verdict.code() == 250) {
                out.add(new DeliveryOutcome.Delivered(addr, Replies.describe(verdict), where));
            } else if (verdict.isPermanentFailure()) {
                out.add(new DeliveryOutcome.Failed(addr, Replies.describe(verdict), where));
            } else {
                out.add(new DeliveryOutcome.Deferred(addr, Replies.describe(verdict), where));
            }
        }
        return new AttemptResult.Done(out);
    }

    private static AttemptResult done(DeliveryRequest req, java.util.function.Function<RecipientState, DeliveryOutcome> f) {
        return new AttemptResult.Done(req.recipients().stream().map(f).toList());
    }

    /** MAIL and RCPT parameters: only those the server advertised (RFC 5321 §4.1.1.11, RFC 3461 §5). */
    static Envelope envelope(QueuedMessage msg, List<RecipientState> rcpts, Capabilities caps) {
        List<String> mailParams = new ArrayList<>();
        if (caps.size().isPresent()) {
            mailParams.add("SIZE=" + msg.size());
        }
        if ("8BITMIME".equalsIgnoreCase(msg.body()) && caps.eightBitMime()) {
            mailParams.add("BODY=8BITMIME");
        }
        if (msg.smtpUtf8()) {
            mailParams.add("SMTPUTF8");
        }
        boolean dsn = caps.dsn();
        if (dsn && msg.ret() != null) {
            mailParams.add("RET=" + msg.ret());
        }
        if (dsn && msg.envId() != null) {
            mailParams.add("ENVID=" + msg.envId());
        }
        List<Envelope.Recipient> rs = new ArrayList<>();
        for (RecipientState r : rcpts) {
            List<String> p = new ArrayList<>();
            if (dsn && !r.notifyOn().isEmpty()) {
                p.add("NOTIFY=" + String.join(",", r.notifyOn()));
            }
            if (dsn && r.orcpt() != null) {
                p.add("ORCPT=" + r.orcpt());
            }
            rs.add(new Envelope.Recipient(r.address(), p));
        }
        return new Envelope(msg.sender(), mailParams, rs);
    }

    private static String reason(Exception e) {
        Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof SmtpReplyException r) {
            return Replies.describe(r.reply());
        }
        if (c instanceof TimeoutException) {
            return "timed out";
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
