package org.hearthmail.relay.forward;

import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearthmail.relay.buffer.ContentBuffer;
import org.hearthmail.relay.checks.Conclusion;
import org.hearthmail.relay.checks.ContentCheck;
import org.hearthmail.relay.checks.SpfOutcome;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.Capabilities;
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
final class ForwardingSession implements SessionHandler, org.hearthmail.log.SummaryFacts {

    private static final Logger log = LoggerFactory.getLogger(ForwardingSession.class);
    /** RFC 3463 §3.5: X.4.1 no answer from host; the sender retries later. */
    static final Reply MAILSTORE_UNREACHABLE = Reply.of(451, "4.4.1", "Mailbox server not reachable, try again later");
    /** RFC 3463 §3.5: X.4.2 bad connection; the sender retries later. */
    static final Reply MAILSTORE_LOST = Reply.of(451, "4.4.2", "Lost the connection to the mailbox server, try again later");

    private final InboundConfig config;
    private final MailstoreLink link;
    private final InboundChecks checks;
    /** The SPF outcome of the current transaction (set at MAIL, read at the end of the content). */
    private volatile SpfOutcome spf;
    // Touched from the sender's event loop and from the mailstore connection's callbacks.
    private volatile SmtpClientPool.Lease lease;
    private volatile boolean transactionOpen;
    /** Null unless the relay spools while the mailstore is unreachable. */
    private final SpoolFallback fallback;
    /** The current message's Authentication-Results, for its summary line; null until concluded. */
    private volatile String authResults;
    /** Set when this transaction is kept on the relay (the mailstore did not answer at MAIL). */
    private volatile LocalTransaction local;
    /** The current transaction's MAIL when it was written to an open session without waiting for its reply. */
    private volatile PipelinedMail pendingMail;

    ForwardingSession(InboundConfig config, MailstoreLink link, InboundChecks checks, SpoolFallback fallback) {
        this.config = config;
        this.link = link;
        this.checks = checks;
        this.fallback = fallback;
    }

    /**
     * SPF first (a refusal never reaches the mailstore), then MAIL on the mailstore session: on an
     * open session without waiting for its reply ({@link PipelinedMail}, verdict at RCPT), else after
     * opening one, waiting for the reply (an unreachable mailstore is noticed here).
     */
    @Override
    public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
        String path = mailFrom.isNullSender() ? "" : mailFrom.sender().toString();
        // Called on the sender's event loop: a new mailstore session is opened on the same loop.
        EventLoop loop = link.callerLoop();
        InetAddress ip = session.client() == null || session.client().isUnresolved() ? null : session.client().getAddress();
        return checks.checks().atMail(ip, path, session.helo()).thenCompose(outcome -> {
            Optional<Reply> refusal = outcome.refusal(checks.checks().policy());
            if (refusal.isPresent()) {
                log.info("session {}: MAIL FROM refused, SPF {} for {}", session.id(), outcome.verdict().result().keyword(),
                        outcome.verdict().domain());
                return CompletableFuture.completedFuture(Decision.reject(refusal.get()));
            }
            spf = outcome;
            return forwardMail(session, mailFrom, path, loop);
        });
    }

    private CompletableFuture<Decision> forwardMail(SessionInfo session, MailFrom mailFrom, String path, EventLoop loop) {
        pendingMail = null;
        if (fallback != null && fallback.mailstoreKnownDown().getAsBoolean()) {
            // The tunnel supervisor says the mailstore is down: spool now rather than after a connect timeout.
            log.info("session {}: tunnel to the mailstore is down; keeping the transaction on the relay", session.id());
            local = new LocalTransaction(fallback);
            return CompletableFuture.completedFuture(new Decision.Accept(Reply.SENDER_OK));
        }
        SmtpClientPool.Lease open = lease;
        if (open != null && open.client().isOpen()) {
            // The sender's session to the mailstore is open: MAIL goes out and the sender hears 250
            // at once; the mailstore's verdict on MAIL comes with the first RCPT (PipelinedMail).
            pendingMail = new PipelinedMail(open.client().mail(path, mailParams(mailFrom)));
            transactionOpen = true;
            return CompletableFuture.completedFuture(new Decision.Accept(Reply.SENDER_OK));
        }
        return client(session, loop)
                .thenCompose(c -> c.mail(path, mailParams(mailFrom)))
                .handle((reply, err) -> {
                    if (err != null) {
                        dropLink();
                        if (keepLocally(session, "MAIL", err) != null) {
                            return new Decision.Accept(Reply.SENDER_OK);
                        }
                        log.warn("session {}: mailstore not reachable: {}", session.id(), err.toString());
                        return Decision.reject(MAILSTORE_UNREACHABLE);
                    }
                    if (fallback != null) {
                        fallback.mailstoreAnswered().run();
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
        LocalTransaction l = local;
        if (l != null) {
            return CompletableFuture.completedFuture(l.decision(rcpt.recipient()));
        }
        PipelinedMail mail = pendingMail;
        if (mail != null) {
            return rcptAfterPipelinedMail(session, mail, rcpt);
        }
        if (lease == null) {
            return CompletableFuture.completedFuture(Decision.reject(MAILSTORE_UNREACHABLE));
        }
        return forwardRcpt(session, rcpt, lease.client().rcpt(rcpt.recipient().toString(), rcpt.dsnParameters()));
    }

    private CompletableFuture<Decision> forwardRcpt(SessionInfo session, RcptTo rcpt, CompletableFuture<Reply> rcptReply) {
        return rcptReply.handle((reply, err) -> {
            if (err != null) {
                // No reply within [mailstore] command_timeout, or the session broke: the rest of
                // the transaction stays here, as if the mailstore had been down at MAIL.
                dropLink();
                LocalTransaction spooling = keepLocally(session, "RCPT", err);
                return spooling == null ? Decision.reject(MAILSTORE_UNREACHABLE) : spooling.decision(rcpt.recipient());
            }
            // The mailstore's own verdict reaches the sender: unknown users are refused live.
            return reply.isPositive() ? new Decision.Accept(reply) : Decision.reject(reply);
        });
    }

    /**
     * The reply to MAIL decides what the sender's RCPT gets: a refused MAIL is this RCPT's (and every
     * later RCPT's) refusal; a MAIL that got no reply is handled as a mailstore unreachable at MAIL (the
     * spool's recipient check, or 451 without a spool); an accepted MAIL lets the RCPT go to the
     * mailstore. RCPT is written only once MAIL was accepted, never behind a refused MAIL, where it
     * would only earn a 503 that the intake counts as a protocol error of the (shared) session. The
     * reply to MAIL is usually in before the sender's RCPT arrives: over the internet the sender's turn
     * takes longer than the tunnel's round trip.
     */
    private CompletionStage<Decision> rcptAfterPipelinedMail(SessionInfo session, PipelinedMail mail, RcptTo rcpt) {
        return mail.outcome().thenCompose(outcome -> {
            if (outcome instanceof PipelinedMail.Outcome.Failed failed) {
                return CompletableFuture.completedFuture(mailstoreFailedAtMail(session, failed.cause(), rcpt));
            }
            if (fallback != null) {
                fallback.mailstoreAnswered().run();
            }
            if (outcome instanceof PipelinedMail.Outcome.Refused refused) {
                transactionOpen = false;
                return CompletableFuture.completedFuture(Decision.reject(refused.reply()));
            }
            SmtpClientPool.Lease l = lease;
            if (l == null) {
                // The session was given up (sender gone) while MAIL was on its way.
                return CompletableFuture.completedFuture(Decision.reject(MAILSTORE_UNREACHABLE));
            }
            return forwardRcpt(session, rcpt, l.client().rcpt(rcpt.recipient().toString(), rcpt.dsnParameters()));
        });
    }

    /** The pipelined MAIL got no reply: the transaction moves to the relay (spool) or the sender retries. */
    private Decision mailstoreFailedAtMail(SessionInfo session, Throwable cause, RcptTo rcpt) {
        if (pendingMail != null) {
            pendingMail = null;
            dropLink();
            if (keepLocally(session, "MAIL", cause) == null) {
                log.warn("session {}: mailstore lost at MAIL: {}", session.id(), cause.toString());
            }
        }
        LocalTransaction l = local;
        return l == null ? Decision.reject(MAILSTORE_UNREACHABLE) : l.decision(rcpt.recipient());
    }

    /**
     * Content is held (in memory, or in an encrypted temp file when large) while it is checked; it
     * goes to the mailstore at the end. Nothing here touches the disk: a temp file is made only when
     * the content outgrows memory, on the executor.
     */
    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
        SpfOutcome spfOutcome = spf;
        LocalTransaction localTx = local;
        if ((lease == null && localTx == null) || spfOutcome == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no mailstore transaction"));
        }
        String received = RelayTransactionId.random().field()
                + ReceivedHeader.build(session, config.hostname(), "Hearthmail relay", null, ZonedDateTime.now());
        authResults = null;
        ContentBuffer buffer = new ContentBuffer(checks.tmp(), checks.memory(), ContentBuffer.DEFAULT_MEMORY_LIMIT);
        return CompletableFuture.completedFuture(new CheckedMessage(session.id(), buffer, checks.checks().begin(),
                checks.executor(), (check, b) -> conclude(session, envelope, localTx, spfOutcome, check, b, received)));
    }

    /**
     * At the end of the content: decide, then refuse or send [A-R][verdict][transaction id][Received][content]
     * to the mailstore. {@code received} starts with the transaction id field ({@link RelayTransactionId}).
     */
    private CompletableFuture<Reply> conclude(SessionInfo session, Envelope envelope, LocalTransaction localTx,
                                              SpfOutcome spfOutcome, ContentCheck check, ContentBuffer content,
                                              String received) {
        return checks.checks().conclude(session.id(), spfOutcome, check).thenCompose(conclusion -> {
            authResults = conclusion.authResults();
            if (conclusion instanceof Conclusion.Refuse refuse) {
                // Nothing was sent to the mailstore; reset() sends it RSET when the session resets.
                return CompletableFuture.completedFuture(refuse.reply());
            }
            Conclusion.Forward forward = (Conclusion.Forward) conclusion;
            if (localTx != null) {
                return localTx.spool(session, envelope, forward.authResults(),
                        LocalTransaction.bytes(forward.header() + received), content, checks.executor());
            }
            byte[] top = (forward.header() + received).getBytes(StandardCharsets.UTF_8);
            SmtpClientPool.Lease l = lease;
            if (l == null || !l.client().isOpen()) {
                // The session died while the content arrived (ADR 0004: it idles meanwhile).
                dropLink();
                return spoolInstead(session, envelope, forward, top, content, "the end of the content",
                        new IllegalStateException("the session to the mailstore closed while the content arrived"));
            }
            return send(l.client(), chunkSize -> content.reader(top, chunkSize)).handle((r, e) -> {
                transactionOpen = false;
                if (e != null) {
                    dropLink();
                    return spoolInstead(session, envelope, forward, top, content, "the final reply", e);
                }
                // The sender's final reply is the mailstore's, sent after it committed.
                return CompletableFuture.completedFuture(r);
            }).thenCompose(r -> r);
        });
    }

    /**
     * The mailstore gave no final reply ([mailstore] commit_timeout, or the session broke). It may or
     * may not have committed. RFC 5321 §6.1: with its "250 OK" a receiver "is accepting responsibility
     * for delivering or relaying the message" and "MUST NOT lose the message for frivolous reasons";
     * so the relay must not answer 250 for a message that is not durably somewhere, and must not lose
     * it either. So the relay seals its own copy into the spool and answers 250
     * after the spool's fsync; the transaction id in {@code top} lets the mailstore answer the
     * spooled copy 250 without storing it again when it did commit the live one. RFC 5321 §4.5.3.2's
     * 10 minutes for the final reply are for the sender's side, not this tunnel hop (LinkTimeouts).
     * Without a spool the sender gets 451 4.4.2 and retries (a duplicate is then possible).
     */
    private CompletableFuture<Reply> spoolInstead(SessionInfo session, Envelope envelope, Conclusion.Forward forward,
                                                  byte[] top, ContentBuffer content, String step, Throwable err) {
        LocalTransaction spooling = keepLocally(session, step, err);
        if (spooling == null) {
            log.warn("session {}: mailstore connection failed at {}: {}", session.id(), step, err.toString());
            return CompletableFuture.completedFuture(MAILSTORE_LOST);
        }
        return spooling.spool(session, envelope, forward.authResults(), top, content, checks.executor());
    }

    /**
     * DESIGN.md "Inbound": the transaction stays on the relay, its recipients checked against the
     * recipient cache and its content sealed into the spool. Null without a spool.
     */
    private LocalTransaction keepLocally(SessionInfo session, String step, Throwable err) {
        if (fallback == null) {
            return null;
        }
        log.warn("session {}: no answer from the mailstore at {} ({}); keeping the transaction on the relay",
                session.id(), step, err.toString());
        LocalTransaction l = local;
        if (l == null) {
            l = new LocalTransaction(fallback);
            local = l;
        }
        return l;
    }

    /**
     * BDAT when the mailstore offers CHUNKING (RFC 3030 §2): the content goes right behind the
     * command, without the round trip DATA waits for (354) and without dot-stuffing. Our listener
     * hands over content with CRLF line ends only (bare CR or LF is refused, RFC 5321 §2.3.8) and
     * the reader terminates an unterminated last line, so it is sent as is. DATA otherwise.
     */
    private static CompletableFuture<Reply> send(SmtpClient client, MessageBody body) {
        boolean chunking = client.capabilities().map(Capabilities::chunking).orElse(false);
        return chunking ? client.bdat(body) : client.data(body);
    }

    @Override
    public Optional<String> authResults() {
        return Optional.ofNullable(authResults);
    }

    @Override
    public void reset() {
        spf = null;
        local = null;
        pendingMail = null;
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

    /**
     * The mailstore session for this sender, told who the sender is (XCLIENT) on first use and kept
     * for the sender's further transactions; a new one is taken on {@code loop} when possible.
     */
    private CompletableFuture<SmtpClient> client(SessionInfo session, EventLoop loop) {
        if (lease != null && lease.client().isOpen()) {
            return CompletableFuture.completedFuture(lease.client());
        }
        return link.acquire(loop).thenCompose(l -> {
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
}
