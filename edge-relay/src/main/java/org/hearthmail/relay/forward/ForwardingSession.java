package org.hearthmail.relay.forward;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpClientPool;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.smtp.trace.ReceivedHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One sender's session, mirrored on a session to the mailstore. */
final class ForwardingSession implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(ForwardingSession.class);
    /** RFC 3463 §3.5: X.4.1 no answer from host; the sender retries later. */
    static final Reply MAILSTORE_UNREACHABLE = Reply.of(451, "4.4.1", "Mailbox server not reachable, try again later");
    private static final int BODY_CHUNKS = 16;

    private final InboundConfig config;
    private final MailstoreLink link;
    // Touched from the sender's event loop and from the mailstore connection's callbacks.
    private volatile SmtpClientPool.Lease lease;
    private volatile boolean transactionOpen;

    ForwardingSession(InboundConfig config, MailstoreLink link) {
        this.config = config;
        this.link = link;
    }

    @Override
    public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
        return client(session)
                .thenCompose(c -> c.mail(mailFrom.isNullSender() ? "" : mailFrom.sender().toString(), mailParams(mailFrom)))
                .handle((reply, err) -> {
                    if (err != null) {
                        log.warn("session {}: mailstore not reachable: {}", session.id(), err.toString());
                        dropLink();
                        return Decision.reject(MAILSTORE_UNREACHABLE);
                    }
                    if (!reply.isPositive()) {
                        return Decision.reject(reply);
                    }
                    transactionOpen = true;
                    return new Decision.Accept(reply);
                });
    }

    @Override
    public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcpt) {
        if (!config.serves(rcpt.recipient().domain())) {
            // Never an open relay: refused before the mailstore is asked.
            return CompletableFuture.completedFuture(Decision.reject(Reply.RELAY_DENIED));
        }
        if (lease == null) {
            return CompletableFuture.completedFuture(Decision.reject(MAILSTORE_UNREACHABLE));
        }
        return lease.client().rcpt(rcpt.recipient().toString(), rcptParams(rcpt)).handle((reply, err) -> {
            if (err != null) {
                dropLink();
                return Decision.reject(MAILSTORE_UNREACHABLE);
            }
            // The mailstore's own verdict reaches the sender: unknown users are refused live.
            return reply.isPositive() ? new Decision.Accept(reply) : Decision.reject(reply);
        });
    }

    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
        if (lease == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no mailstore session"));
        }
        SmtpClient c = lease.client();
        LiveBody body = new LiveBody(BODY_CHUNKS, c::resumeTransfer);
        String received = ReceivedHeader.build(session, config.hostname(), "Hearthmail relay", null, ZonedDateTime.now());
        body.offer(Unpooled.copiedBuffer(received, StandardCharsets.UTF_8));
        CompletableFuture<Reply> reply = c.data(MessageBody.ofChunks(body));
        reply.whenComplete((r, e) -> transactionOpen = false);
        return CompletableFuture.completedFuture(new ForwardingMessage(body, reply, this::dropLink));
    }

    @Override
    public void reset() {
        if (transactionOpen && lease != null && lease.client().isOpen()) {
            transactionOpen = false;
            lease.client().rset();
        }
    }

    @Override
    public synchronized void close() {
        if (lease != null) {
            SmtpClientPool.Lease l = lease;
            lease = null;
            if (transactionOpen) {
                l.invalidate();
            } else {
                l.close();
            }
        }
    }

    /** The mailstore session for this sender, told who the sender is (XCLIENT) on first use. */
    private CompletableFuture<SmtpClient> client(SessionInfo session) {
        if (lease != null && lease.client().isOpen()) {
            return CompletableFuture.completedFuture(lease.client());
        }
        return link.acquire().thenCompose(l -> {
            synchronized (this) {
                lease = l;
            }
            SmtpClient c = l.client();
            return c.xclient(ForwardedClient.xclientLines(session))
                    .thenCompose(r -> c.ehlo(config.hostname()))
                    .thenApply(caps -> c);
        });
    }

    private synchronized void dropLink() {
        transactionOpen = false;
        if (lease != null) {
            SmtpClientPool.Lease l = lease;
            lease = null;
            l.invalidate();
        }
    }

    /** The sender's MAIL parameters that the mailstore should see too. */
    private static List<String> mailParams(MailFrom m) {
        List<String> p = new ArrayList<>();
        if (m.size() >= 0) {
            p.add("SIZE=" + m.size());
        }
        if (m.body() != null) {
            p.add("BODY=" + m.body());
        }
        if (m.smtpUtf8()) {
            p.add("SMTPUTF8");
        }
        if (m.ret() != null) {
            p.add("RET=" + m.ret());
        }
        if (m.envId() != null) {
            p.add("ENVID=" + m.envId());
        }
        return p;
    }

    private static List<String> rcptParams(RcptTo r) {
        List<String> p = new ArrayList<>();
        if (!r.notifyOn().isEmpty()) {
            p.add("NOTIFY=" + String.join(",", r.notifyOn()));
        }
        if (r.orcpt() != null) {
            p.add("ORCPT=" + r.orcpt());
        }
        return p;
    }
}
