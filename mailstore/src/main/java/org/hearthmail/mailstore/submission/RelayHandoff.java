package org.hearthmail.mailstore.submission;

import org.hearthmail.config.RelayCredentials;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.AuthMechanism;
import org.hearthmail.smtp.client.Envelope;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpClientConfig;
import org.hearthmail.smtp.client.SmtpReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a signed message to the relay's outbound listener over the tunnel: EHLO, STARTTLS with the
 * pinned certificate, AUTH PLAIN with the relay name and per-relay secret, then MAIL, every RCPT
 * and DATA. The relay's 250 means the message is durably queued there; only then does the user's
 * client get its 250. All remote recipients of a message go in one transaction, all or nothing:
 * if the relay refuses any of them the transaction is reset and the client gets that refusal, so a
 * retry never duplicates mail to the others. A new connection per message (submission is rare).
 */
public final class RelayHandoff {

    private static final Logger log = LoggerFactory.getLogger(RelayHandoff.class);

    /**
     * Where and how to reach the relay.
     *
     * @param address      the relay's outbound listener (through the tunnel)
     * @param fingerprint  SHA-256 of its certificate, 64 lower-case hex digits; empty when not provisioned
     * @param credentials  the file with the relay name and secret, read at each hand-off
     */
    public record Target(InetSocketAddress address, String fingerprint, Path credentials) {
        public Target {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    private final Target target;
    private final String heloName;
    private final SmtpClientConfig clientConfig;
    private final Duration connectTimeout;

    public RelayHandoff(Target target, String heloName, SmtpClientConfig clientConfig, Duration connectTimeout) {
        this.target = target;
        this.heloName = heloName;
        this.clientConfig = clientConfig;
        this.connectTimeout = connectTimeout;
    }

    /** True when a relay is provisioned (its certificate is pinned). */
    public boolean configured() {
        return !target.fingerprint().isEmpty();
    }

    /**
     * Sends {@code m}; completes (never exceptionally) with the reply for the submitting client:
     * 250 once the relay queued it, 451 4.4.1 when the relay cannot be reached, the relay's own
     * refusal otherwise. Reads the credentials file: call from a worker thread.
     */
    public CompletableFuture<Reply> handOff(OutboundMessage m) {
        if (!configured()) {
            return CompletableFuture.completedFuture(SubmissionReplies.RELAY_NOT_CONFIGURED);
        }
        RelayCredentials creds;
        try {
            creds = RelayCredentials.read(target.credentials());
        } catch (org.hearthmail.config.InvalidConfigException e) {
            log.error("outbound hand-off impossible: {}", e.getMessage());
            return CompletableFuture.completedFuture(SubmissionReplies.RELAY_NOT_CONFIGURED);
        }
        String host = target.address().getAddress().getHostAddress();
        CompletableFuture<SmtpClient> connected = SmtpClient.connect(
                sharedGroup(), clientConfig, host, target.address().getPort(), connectTimeout);
        return connected.thenCompose(c -> c.ehlo(heloName)
                        // RFC 3207 §4.2 / the relay contract: STARTTLS, then AUTH PLAIN as the relay's name.
                        .thenCompose(caps -> c.startTls(CertificatePin.policy(target.fingerprint())))
                        .thenCompose(caps -> c.auth(AuthMechanism.PLAIN, creds.name(), creds.secret()))
                        .thenCompose(ok -> transaction(c, m))
                        .whenComplete((r, e) -> quietly(c)))
                .exceptionally(this::failure);
    }

    private CompletableFuture<Reply> transaction(SmtpClient c, OutboundMessage m) {
        List<String> params = new ArrayList<>(m.mailParameters());
        boolean dsn = c.capabilities().map(k -> k.dsn()).orElse(false);
        if (dsn) {
            params.addAll(m.dsnParameters());
        }
        List<Envelope.Recipient> rcpts = m.recipients().stream()
                .map(r -> dsn ? r : Envelope.Recipient.of(r.address())).toList();
        return c.mail(m.reversePath(), params).thenCompose(mail -> {
            if (!mail.isPositive()) {
                return refused(c, "MAIL", mail);
            }
            return recipients(c, rcpts, 0).thenCompose(refusal -> refusal != null
                    ? CompletableFuture.completedFuture(refusal) : data(c, m));
        });
    }

    /** RCPT one after the other; completes with null when all were accepted, else with the refusal. */
    private CompletableFuture<Reply> recipients(SmtpClient c, List<Envelope.Recipient> rcpts, int i) {
        if (i == rcpts.size()) {
            return CompletableFuture.completedFuture(null);
        }
        Envelope.Recipient r = rcpts.get(i);
        return c.rcpt(r.address(), r.parameters()).thenCompose(reply -> reply.isPositive()
                ? recipients(c, rcpts, i + 1) : refused(c, "RCPT <" + r.address() + ">", reply));
    }

    private CompletableFuture<Reply> data(SmtpClient c, OutboundMessage m) {
        return c.data(m.body()).thenApply(reply -> {
            if (reply.code() == 250) {
                log.info("handed to the relay for {} recipient(s)", m.recipients().size());
                return SubmissionReplies.QUEUED;
            }
            return translate("DATA", reply);
        });
    }

    private CompletableFuture<Reply> refused(SmtpClient c, String step, Reply reply) {
        return c.rset().handle((x, e) -> translate(step, reply));
    }

    /** The relay's refusal, for the user: its temporary failures stay temporary (4.4.1 when unspecific). */
    private static Reply translate(String step, Reply relay) {
        log.warn("relay refused {}: {}", step, relay);
        if (relay.isTransientFailure()) {
            return Reply.of(451, relay.status() != null ? relay.status().toString() : "4.4.1", "Relay: " + relay.text());
        }
        return Reply.of(relay.code() >= 500 ? relay.code() : 554, relay.status() != null ? relay.status().toString() : "5.0.0",
                "Relay: " + relay.text());
    }

    private Reply failure(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof SmtpReplyException r && r.command().startsWith("AUTH")) {
            log.error("the relay refused our credentials ({}); check {} and the relay's provisioning", r.reply(),
                    target.credentials());
            return SubmissionReplies.RELAY_UNREACHABLE;
        }
        log.warn("outbound relay {} unreachable: {}", target.address(), c.toString());
        return SubmissionReplies.RELAY_UNREACHABLE;
    }

    private static void quietly(SmtpClient c) {
        c.quit().whenComplete((r, e) -> c.close());
    }

    private static io.netty.channel.EventLoopGroup sharedGroup() {
        return SharedGroup.GROUP;
    }

    private static final class SharedGroup {
        static final io.netty.channel.EventLoopGroup GROUP = new io.netty.channel.MultiThreadIoEventLoopGroup(1,
                new io.netty.util.concurrent.DefaultThreadFactory("relay-handoff", true),
                io.netty.channel.nio.NioIoHandler.newFactory());
    }
}
