package org.hearthmail.relay.outbound;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hearthmail.relay.queue.IncomingMessage;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.MessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one message into the queue on a disk executor, in order; 250 only after the queue's
 * commit (content and metadata fsynced, directories fsynced).
 */
final class QueueSink implements MessageSink {
    private static final Logger LOG = LoggerFactory.getLogger(QueueSink.class);

    private final IncomingMessage incoming;
    private final QueuedMessage envelope;
    private final Executor disk;
    /** The last disk step; each write runs after the one before. */
    private CompletableFuture<Void> tail;

    QueueSink(IncomingMessage incoming, QueuedMessage envelope, String receivedField, Executor disk) {
        this.incoming = incoming;
        this.envelope = envelope;
        this.disk = disk;
        // RFC 5321 §4.4: a server that accepts a message prepends its Received trace field.
        this.tail = CompletableFuture.runAsync(() -> io(() -> incoming.write(receivedField.getBytes(StandardCharsets.UTF_8))), disk);
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        tail = tail.handleAsync((v, err) -> {
            try {
                if (err != null) {
                    throw new java.util.concurrent.CompletionException(err);
                }
                io(() -> incoming.write(chunk));
                return null;
            } finally {
                chunk.release();
            }
        }, disk);
        return tail;
    }

    @Override
    public CompletionStage<Reply> finish() {
        return tail.thenApplyAsync(v -> {
            QueuedMessage[] done = new QueuedMessage[1];
            io(() -> done[0] = incoming.commit(envelope));
            LOG.info("queued {} from={} rcpts={} size={}", done[0].id(), org.hearthmail.log.LogPrivacy.current().address(done[0].sender()),
                    done[0].recipients().size(), done[0].size());
            return Reply.of(250, "2.0.0", "Queued as " + done[0].id());
        }, disk).exceptionally(err -> {
            LOG.error("could not queue message {}: {}", incoming.id(), err.getMessage(), err);
            incoming.abort();
            return Reply.LOCAL_ERROR;
        });
    }

    @Override
    public void abort() {
        tail.whenCompleteAsync((v, err) -> incoming.abort(), disk);
    }

    @FunctionalInterface
    private interface Io {
        void run() throws java.io.IOException;
    }

    private static void io(Io step) {
        try {
            step.run();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
