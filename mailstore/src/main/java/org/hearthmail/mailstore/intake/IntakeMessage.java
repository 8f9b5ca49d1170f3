package org.hearthmail.mailstore.intake;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hearthmail.mailstore.imap.mime.ParsedMessage;
import org.hearthmail.mailstore.store.AsyncStore;
import org.hearthmail.mailstore.store.DeliveryResult;
import org.hearthmail.mailstore.store.ParseCache;
import org.hearthmail.mailstore.store.RecipientOutcome;
import org.hearthmail.mailstore.store.Resolution;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.smtp.trace.ReceivedHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message on its way from the session into the store: content runs through the
 * {@link HeaderFilter} into a {@link ChunkPipe} that a delivery thread reads; the delivery starts
 * as soon as the headers decided the target mailbox.
 */
final class IntakeMessage implements MessageSink {

    private static final Logger log = LoggerFactory.getLogger(IntakeMessage.class);
    /** Chunks in flight between the session and the delivery thread. */
    private static final int PIPE_CHUNKS = 16;
    private static final long READ_TIMEOUT_MILLIS = 10 * 60 * 1000L;
    static final Reply DUPLICATE = Reply.of(250, "2.0.0", "Already stored");
    /**
     * Messages up to this size are parsed as they are stored, and their ENVELOPE and BODYSTRUCTURE
     * committed with them (as IMAP APPEND does); larger ones are parsed after their commit, from
     * their file, by the IMAP server's parse cacher.
     */
    static final int PARSE_LIMIT = 512 * 1024;
    private static final long PARSE_WAIT_SECONDS = 10;
    /** Parses beside the deliveries' fsyncs; daemon threads, one per processor. */
    private static final ExecutorService PARSERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new DefaultThreadFactory("intake-parse", true));

    private final AsyncStore store;
    private final IntakeConfig config;
    private final List<String> recipients;
    private final ChunkPipe pipe = new ChunkPipe(PIPE_CHUNKS, READ_TIMEOUT_MILLIS);
    private final HeaderFilter filter;
    private final CompletableFuture<DeliveryResult> delivery = new CompletableFuture<>();
    private boolean started;
    /** Octets of content so far; the wire limit may be higher than ours (see IntakeServer). */
    private long size;
    private boolean tooBig;

    IntakeMessage(AsyncStore store, IntakeConfig config, SessionInfo session, Envelope envelope) {
        this.store = store;
        this.config = config;
        this.recipients = envelope.recipients().stream().map(RcptTo::recipient).map(Object::toString).toList();
        String received = ReceivedHeader.build(session, config.hostname(), "Hearthmail",
                recipients.size() == 1 ? recipients.get(0) : null, ZonedDateTime.now());
        this.filter = new HeaderFilter(received, config.authservId(), session.forwarded(), config.junkOn(),
                pipe::offer, this::start);
    }

    private void start(Verdict verdict) {
        started = true;
        // The id (if the relay sent one) sits above the relay's Received line, so it is known by now.
        HeldCopy body = new HeldCopy(pipe, PARSE_LIMIT);
        // Parsed while the store makes the body's file durable (its fsyncs), joined before the commit.
        CompletableFuture<ParseCache> parsed = body.ended().thenApplyAsync(IntakeMessage::parse, PARSERS);
        store.deliver(filter.transactionId(), recipients, verdict.role(), body, () -> parseResult(parsed)).whenComplete((r, e) -> {
            if (e != null) {
                delivery.completeExceptionally(e);
            } else {
                delivery.complete(r);
            }
        });
    }

    /** Runs on a parser thread once the body was read; null leaves the parse to the parse cacher. */
    private static ParseCache parse(byte[] raw) {
        if (raw == null) {
            return null;
        }
        try {
            ParsedMessage parsed = ParsedMessage.parse(raw);
            return new ParseCache(parsed.envelope(), parsed.structureCache());
        } catch (RuntimeException e) {
            log.debug("parsing a delivered message failed, leaving it to the parse cacher: {}", e.toString());
            return null;
        }
    }

    /** On the delivery thread, after the body's fsyncs: the parse, or null (the parse cacher does it) when it is late. */
    private static ParseCache parseResult(CompletableFuture<ParseCache> parsed) {
        try {
            return parsed.get(PARSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            log.debug("no parse results for a delivered message, leaving it to the parse cacher: {}", e.toString());
            return null;
        }
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        size += chunk.readableBytes();
        if (tooBig || size > config.maxMessageSize()) {
            // RFC 1870 §6.3: a message over the limit is refused with 552 at its end.
            chunk.release();
            if (!tooBig) {
                tooBig = true;
                filter.discard();
                pipe.abort();
            }
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        filter.write(chunk);
        // Back-pressure: the session reads on when the delivery thread has room.
        return pipe.space(!started);
    }

    @Override
    public CompletionStage<Reply> finish() {
        if (tooBig) {
            if (!started) {
                delivery.cancel(false);
            }
            return delivery.handle((r, e) -> Reply.MESSAGE_TOO_BIG);
        }
        filter.finish();
        pipe.end();
        return delivery.handle((r, e) -> {
            if (e != null) {
                log.warn("delivery failed: {}", AsyncStore.cause(e).toString());
                return Reply.LOCAL_ERROR;
            }
            return reply(r);
        });
    }

    private Reply reply(DeliveryResult r) {
        if (r.duplicate()) {
            // RFC 5321 §6.1: we took responsibility for this message with an earlier copy (the relay
            // sent this one because our 250 did not reach it in time); storing it again would duplicate it.
            log.info("relay transaction {} was committed before; acknowledged without storing again", filter.transactionId());
            return DUPLICATE;
        }
        long failed = r.outcomes().stream().filter(o -> o instanceof RecipientOutcome.NotDelivered).count();
        if (failed == 0) {
            return Reply.of(250, "2.0.0", "Stored");
        }
        if (r.anyDelivered()) {
            // SMTP has one reply for all recipients; the rest were accepted at RCPT and now failed.
            log.warn("message stored for {} of {} recipients; the others failed at delivery", r.delivered().size(), r.outcomes().size());
            return Reply.of(250, "2.0.0", "Stored");
        }
        boolean full = r.outcomes().stream().allMatch(o -> o instanceof RecipientOutcome.NotDelivered n
                && n.reason() instanceof Resolution.OverQuota);
        return full ? IntakeSession.overQuota(config) : Reply.LOCAL_ERROR;
    }

    @Override
    public void abort() {
        filter.discard();
        pipe.abort();
        if (!started) {
            delivery.cancel(false);
        }
    }
}
