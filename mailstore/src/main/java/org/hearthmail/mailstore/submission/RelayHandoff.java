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
 *
 * <p>With several relays (MX 10, 20, ...) the targets are tried in order: the next one gets the
 * message when a relay cannot be reached (connect, TLS, AUTH, no answer) or answers a temporary
 * failure (RFC 5321 §4.2.1, 4yz: "the action may succeed if repeated"), so a relay that is down or
 * full does not stop outgoing mail. A permanent refusal is final. A relay that took the data but
 * whose answer was lost may get the message again through the next one: a duplicate rather than a
 * loss (RFC 5321 §6.1).
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

        /** {@code ip:port}, for log lines. */
        public String describe() {
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }

        /**
         * The relay contract (RFC 3207 §4.2, RFC 4954): connect, EHLO, STARTTLS with the pinned
         * certificate, AUTH PLAIN as the relay's name. Completes with the authenticated client; when
         * a step fails the connection is closed and the future fails with that step's error.
         */
        public CompletableFuture<SmtpClient> open(io.netty.channel.EventLoopGroup group, SmtpClientConfig config,
                                                  String heloName, Duration timeout, RelayCredentials creds) {
            return SmtpClient.connect(group, config, address.getAddress().getHostAddress(), address.getPort(), timeout)
                    .thenCompose(c -> c.ehlo(heloName)
                            .thenCompose(caps -> c.startTls(CertificatePin.policy(fingerprint)))
                            .thenCompose(caps -> c.auth(AuthMechanism.PLAIN, creds.name(), creds.secret()))
                            .handle((ok, e) -> {
                                if (e != null) {
                                    closeQuietly(c);
                                    throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                                }
                                return c;
                            }));
        }
    }

    /** QUIT, then close whatever the answer. */
    public static void closeQuietly(SmtpClient c) {
        c.quit().whenComplete((r, e) -> c.close());
    }

    private final List<Target> targets;
    private final String heloName;
    private final SmtpClientConfig clientConfig;
    private final Duration connectTimeout;

    public RelayHandoff(Target target, String heloName, SmtpClientConfig clientConfig, Duration connectTimeout) {
        this(List.of(target), heloName, clientConfig, connectTimeout);
    }

    /** @param targets the relays in the order to try them (lowest MX preference first); unprovisioned ones are skipped */
    public RelayHandoff(List<Target> targets, String heloName, SmtpClientConfig clientConfig, Duration connectTimeout) {
        this.targets = targets.stream().filter(t -> !t.fingerprint().isEmpty()).toList();
        this.heloName = heloName;
        this.clientConfig = clientConfig;
        this.connectTimeout = connectTimeout;
    }

    /** True when a relay is provisioned (its certificate is pinned). */
    public boolean configured() {
        return !targets.isEmpty();
    }

    /** The provisioned relays, in the order they are tried. */
    public List<Target> targets() {
        return targets;
    }

    /**
     * Sends {@code m}; completes (never exceptionally) with the reply for the submitting client:
     * 250 once a relay queued it, 451 4.4.1 when no relay can be reached, the last relay's own
     * refusal otherwise. Reads the credentials files: call from a worker thread.
     */
    public CompletableFuture<Reply> handOff(OutboundMessage m) {
        if (!configured()) {
            return CompletableFuture.completedFuture(SubmissionReplies.RELAY_NOT_CONFIGURED);
        }
        return from(0, m);
    }

    /** Tries targets[i..]; a temporary failure or an unreachable relay moves on to the next. */
    private CompletableFuture<Reply> from(int i, OutboundMessage m) {
        return attempt(targets.get(i), m).thenCompose(reply -> {
            boolean last = i == targets.size() - 1;
            if (last || reply.code() == 250 || reply.isPermanentFailure()) {
                return CompletableFuture.completedFuture(reply);
            }
            log.warn("relay {} did not take the message ({}); trying the next relay", targets.get(i).describe(),
                    reply.code());
            return from(i + 1, m);
        });
    }

    private CompletableFuture<Reply> attempt(Target target, OutboundMessage m) {
        RelayCredentials creds;
        try {
            creds = RelayCredentials.read(target.credentials());
        } catch (org.hearthmail.config.InvalidConfigException e) {
            log.error("outbound hand-off to {} impossible: {}", target.describe(), e.getMessage());
            return CompletableFuture.completedFuture(SubmissionReplies.RELAY_NOT_CONFIGURED);
        }
        return target.open(sharedGroup(), clientConfig, heloName, connectTimeout, creds)
                .thenCompose(c -> transaction(c, m).whenComplete((r, e) -> closeQuietly(c)))
                .exceptionally(t -> failure(target, t));
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

    private static Reply failure(Target target, Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof SmtpReplyException r && r.command().startsWith("AUTH")) {
            log.error("relay {} refused our credentials ({}); check {} and the relay's provisioning", target.describe(),
                    r.reply(), target.credentials());
            return SubmissionReplies.RELAY_UNREACHABLE;
        }
        log.warn("outbound relay {} unreachable: {}", target.describe(), c.toString());
        return SubmissionReplies.RELAY_UNREACHABLE;
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
