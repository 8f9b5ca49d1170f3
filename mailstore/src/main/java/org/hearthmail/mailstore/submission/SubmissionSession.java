package org.hearthmail.mailstore.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearthmail.dkim.DkimSigner;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.Envelope;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionInfo;

/**
 * Submission policy for one session. The engine has already enforced TLS before AUTH and AUTH
 * before MAIL (RFC 6409 §4.1, RFC 4954 §6); here: banned clients are turned away, MAIL FROM must be
 * the user's (550 5.7.1), each recipient is routed (local or relay), and the message goes through
 * the sender check of its From/Sender fields, rewriting, signing and dispatch.
 */
final class SubmissionSession implements SessionHandler {

    private final SubmissionContext ctx;
    private User user;
    private final List<String> local = new ArrayList<>();
    private final List<Envelope.Recipient> remote = new ArrayList<>();

    SubmissionSession(SubmissionContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletionStage<Decision> connect(SessionInfo session) {
        // Bans are shared with IMAP and keyed by the real client address (after PROXY).
        if (ctx.throttle().isBanned(session.client().getAddress())) {
            return CompletableFuture.completedFuture(new Decision.Disconnect(SubmissionReplies.BANNED));
        }
        return CompletableFuture.completedFuture(Decision.accept());
    }

    @Override
    public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
        String identity = session.authIdentity();
        return CompletableFuture.supplyAsync(() -> {
            Optional<User> u = ctx.store().user(identity);
            if (u.isEmpty()) {
                // Removed since it logged in.
                return Decision.reject(Reply.AUTH_REQUIRED);
            }
            user = u.get();
            if (mailFrom.isNullSender()) {
                return Decision.reject(SubmissionReplies.NULL_SENDER);
            }
            String sender = mailFrom.sender().toString();
            if (!ctx.senders().mayUse(user, sender)) {
                return Decision.reject(SubmissionReplies.notYourAddress("MAIL FROM", sender));
            }
            return Decision.accept();
        }, ctx.worker());
    }

    @Override
    public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
        return CompletableFuture.supplyAsync(() -> ctx.router().route(rcptTo.recipient()), ctx.worker())
                .thenApply(route -> {
                    if (route instanceof Route.Local l) {
                        local.add(l.address());
                    } else if (route instanceof Route.Remote r) {
                        remote.add(new Envelope.Recipient(r.address(), rcptTo.dsnParameters()));
                    } else {
                        return Decision.reject(((Route.Refused) route).reply());
                    }
                    return Decision.accept();
                });
    }

    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, org.hearthmail.smtp.server.Envelope envelope) {
        User sender = user;
        MailFrom mailFrom = envelope.mailFrom();
        List<String> localNow = List.copyOf(local);
        List<Envelope.Recipient> remoteNow = List.copyOf(remote);
        return CompletableFuture.supplyAsync(() -> {
            MessageSpool spool;
            try {
                spool = new MessageSpool(ctx.config().spoolDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a spool file: " + e.getMessage(), e);
            }
            MessageAssembler assembler = new MessageAssembler(ctx.rewriter(), r -> judge(sender, r), spool);
            return new SubmittedMessage(assembler, spool, ctx.worker(), ctx.store(), ctx.relay(), localNow,
                    remoteNow.isEmpty() ? null : body -> outbound(mailFrom, remoteNow, body));
        }, ctx.worker());
    }

    /** The header section's From and Sender must be the user's; then sign for the From domain. */
    private MessageAssembler.HeaderVerdict judge(User sender, HeaderRewriter.Result r) {
        if (r.from().isEmpty() || r.fromDomain() == null) {
            return new MessageAssembler.HeaderVerdict(SubmissionReplies.NO_FROM, null);
        }
        Optional<String> foreign = ctx.senders().firstForeign(sender, r.from());
        if (foreign.isPresent()) {
            return new MessageAssembler.HeaderVerdict(SubmissionReplies.notYourAddress("From:", foreign.get()), null);
        }
        foreign = ctx.senders().firstForeign(sender, r.sender());
        if (foreign.isPresent()) {
            return new MessageAssembler.HeaderVerdict(SubmissionReplies.notYourAddress("Sender:", foreign.get()), null);
        }
        // RFC 6376 §3.5 d=: the signing domain is the From domain (DMARC alignment, RFC 7489 §3.1.1).
        String domain = IDN.toASCII(r.fromDomain(), IDN.ALLOW_UNASSIGNED);
        return new MessageAssembler.HeaderVerdict(null, new DkimSigner(ctx.dkim().signingKeys(domain), Clock.systemUTC()));
    }

    private static OutboundMessage outbound(MailFrom mailFrom, List<Envelope.Recipient> rcpts,
                                            org.hearthmail.smtp.client.MessageBody body) {
        List<String> params = new ArrayList<>();
        if (mailFrom.body() != null) {
            params.add("BODY=" + mailFrom.body());
        }
        if (mailFrom.smtpUtf8()) {
            params.add("SMTPUTF8");
        }
        List<String> dsn = new ArrayList<>();
        if (mailFrom.ret() != null) {
            dsn.add("RET=" + mailFrom.ret());
        }
        if (mailFrom.envId() != null) {
            dsn.add("ENVID=" + mailFrom.envId());
        }
        return new OutboundMessage(mailFrom.sender().toString(), params, dsn, rcpts, body);
    }

    @Override
    public void reset() {
        local.clear();
        remote.clear();
    }
}
