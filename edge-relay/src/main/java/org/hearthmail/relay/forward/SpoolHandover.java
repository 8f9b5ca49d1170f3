package org.hearthmail.relay.forward;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.hearthmail.relay.spool.SpoolEntry;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpClientConfig;
import org.hearthmail.xclient.XClientAttributes;
import org.hearthmail.xclient.XClientCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one sealed spool entry to the mailstore intake as ADR 0003 describes: {@code XCLIENT
 * LOGIN=<relay name>}, {@code MAIL FROM:<>}, {@code RCPT TO:<spool@relay.invalid>}, then the
 * sealed bytes with BDAT, as base64 lines (see {@link Base64Lines}; the ADR's "as they are" needs
 * BINARYMIME, which our SMTP server does not offer). True only on the mailstore's 250, which
 * it sends after its own commit. One SMTP session per entry; the drainer sends one at a time.
 */
public final class SpoolHandover implements Function<SpoolEntry, CompletableFuture<Boolean>> {

    private static final Logger log = LoggerFactory.getLogger(SpoolHandover.class);
    /** RFC 2606 §2: ".invalid" can never be a real domain, so this can never be a real mailbox. */
    public static final String SPOOL_RECIPIENT = "spool@relay.invalid";

    /** One daemon thread for all hand-overs: the drainer sends one entry at a time. */
    private static final class Loop {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("spool-handover", true), NioIoHandler.newFactory());
    }

    private final InetSocketAddress intake;
    private final String relayName;
    private final Duration connectTimeout;
    private final SmtpClientConfig clientConfig;

    public SpoolHandover(InetSocketAddress intake, String relayName, Duration connectTimeout) {
        this(intake, relayName, connectTimeout, LinkTimeouts.DEFAULT);
    }

    /** @param timeouts the same short limits as the live sessions: a hung mailstore fails the attempt, which backs off */
    public SpoolHandover(InetSocketAddress intake, String relayName, Duration connectTimeout, LinkTimeouts timeouts) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.relayName = Objects.requireNonNull(relayName, "relayName");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.clientConfig = SmtpClientConfig.defaults().withTimeouts(timeouts.smtp());
    }

    @Override
    public CompletableFuture<Boolean> apply(SpoolEntry entry) {
        List<String> xclient = XClientCommands.encode(XClientAttributes.builder().login(relayName).build());
        return SmtpClient.connect(Loop.GROUP, clientConfig, intake.getHostString(), intake.getPort(), connectTimeout).thenCompose(c ->
                c.ehlo(relayName)
                        .thenCompose(caps -> c.xclient(xclient))
                        .thenCompose(r -> {
                            if (!r.isPositive()) {
                                throw new HandoverRefusedException("XCLIENT", r.toString());
                            }
                            // RFC 5321 §4.1.4 and the XCLIENT README: a new EHLO after XCLIENT.
                            return c.ehlo(relayName);
                        })
                        .thenCompose(caps -> c.mail("", List.of()))
                        .thenCompose(r -> {
                            if (!r.isPositive()) {
                                throw new HandoverRefusedException("MAIL", r.toString());
                            }
                            return c.rcpt(SPOOL_RECIPIENT, List.of());
                        })
                        .thenCompose(r -> {
                            if (!r.isPositive()) {
                                throw new HandoverRefusedException("RCPT", r.toString());
                            }
                            InputStream sealed;
                            try {
                                sealed = entry.openSealed();
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            // RFC 3030 §2: BDAT needs no dot-stuffing; §3: without BINARYMIME the content
                            // must still be CRLF lines, so the sealed bytes travel as base64 lines.
                            return c.bdat(MessageBody.of(new Base64Lines(sealed)));
                        })
                        .handle((r, err) -> {
                            c.quit().whenComplete((q, e) -> c.close());
                            if (err != null) {
                                throw err instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(err);
                            }
                            if (!r.isPositive()) {
                                log.warn("mailstore refused spool entry {}: {}", entry.sequence(), r);
                                return false;
                            }
                            return true;
                        }));
    }

    /** The mailstore answered a step of the hand-over with a refusal. */
    static final class HandoverRefusedException extends RuntimeException {
        HandoverRefusedException(String step, String reply) {
            super("mailstore refused " + step + " of the spool hand-over: " + reply);
        }
    }
}
