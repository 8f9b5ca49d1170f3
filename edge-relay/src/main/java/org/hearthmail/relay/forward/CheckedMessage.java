package org.hearthmail.relay.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.hearthmail.relay.buffer.ContentBuffer;
import org.hearthmail.relay.checks.ContentCheck;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.MessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message being received: each chunk goes into the message's {@link ContentBuffer} (memory, or an
 * encrypted temp file) and to the content checks, in order, on the executor. At the end the message
 * is checked and forwarded (or refused) by {@code onComplete}; the buffer is freed (the file deleted)
 * whatever happens.
 *
 * <p>Back-pressure: {@link #write} returns the stage of the previous chunk, so at most two chunks
 * wait for the executor and a slow disk slows the sender. Small chunks of a small unsigned message
 * are appended on the caller's thread instead ({@link #INLINE_LIMIT}).
 */
final class CheckedMessage implements MessageSink {

    private static final Logger log = LoggerFactory.getLogger(CheckedMessage.class);

    /** Largest chunk appended on the event loop (bounds the header parsing and hashing done there). */
    static final int INLINE_LIMIT = 8 * 1024;

    private final ContentBuffer content;
    private final ContentCheck check;
    private final Executor executor;
    private final BiFunction<ContentCheck, ContentBuffer, CompletableFuture<Reply>> onComplete;
    private final String sessionId;
    // Only touched on the sender's event loop.
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean aborted;

    CheckedMessage(String sessionId, ContentBuffer content, ContentCheck check, Executor executor,
                   BiFunction<ContentCheck, ContentBuffer, CompletableFuture<Reply>> onComplete) {
        this.sessionId = sessionId;
        this.content = content;
        this.check = check;
        this.executor = executor;
        this.onComplete = onComplete;
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(chunk);
        } finally {
            chunk.release();
        }
        CompletableFuture<Void> previous = tail;
        if (previous.isDone() && !previous.isCompletedExceptionally() && appendedHere(bytes)) {
            return previous;
        }
        tail = tail.thenRunAsync(() -> append(bytes), executor);
        return previous;
    }

    /**
     * A small chunk of a message held in memory, with no DKIM body hash running, is no work: header
     * parsing and an array kept. Done on the calling event loop, it spares the message two thread
     * hand-offs (there and back) before its content goes to the mailstore. Anything else (hashing, a
     * spill to the temp file, a large chunk) stays on the executor.
     */
    private boolean appendedHere(byte[] bytes) {
        if (aborted || bytes.length > INLINE_LIMIT || check.hashing()) {
            return false;
        }
        try {
            if (!content.writeInMemory(bytes)) {
                return false;
            }
        } catch (IOException e) {
            log.warn("session {}: cannot buffer message content: {}", sessionId, e.toString());
            tail = CompletableFuture.failedFuture(new UncheckedIOException(e));
            return true;
        }
        // At most INLINE_LIMIT octets, and a signature found in them hashes at most those.
        check.update(bytes, 0, bytes.length);
        return true;
    }

    private void append(byte[] bytes) {
        if (aborted) {
            return;
        }
        // Hashed before it is stored: the buffer keeps the array.
        check.update(bytes, 0, bytes.length);
        try {
            content.write(bytes);
        } catch (IOException e) {
            log.warn("session {}: cannot buffer message content: {}", sessionId, e.toString());
            throw new UncheckedIOException(e);
        }
    }

    /** The sender's final reply: the mailstore's, or a refusal, or a temporary failure. */
    @Override
    public CompletionStage<Reply> finish() {
        // Ending a buffer held in memory is no work: no hand-off to the executor for it.
        CompletableFuture<Reply> reply = tail.thenCompose(v -> content.inMemory()
                        ? CompletableFuture.runAsync(this::endWriting, Runnable::run)
                        : CompletableFuture.runAsync(this::endWriting, executor))
                .thenCompose(v -> onComplete.apply(check, content))
                .handle((r, err) -> {
                    if (err != null) {
                        log.warn("session {}: message not forwarded: {}", sessionId, rootCause(err).toString());
                        return Reply.LOCAL_ERROR;
                    }
                    return r;
                });
        // Freeing memory is no work; deleting a file is disk work, for the executor.
        reply.whenComplete((r, e) -> {
            if (content.inMemory()) {
                delete();
            } else {
                executor.execute(this::delete);
            }
        });
        return reply;
    }

    private void endWriting() {
        try {
            content.finishWriting();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void abort() {
        aborted = true;
        tail.whenCompleteAsync((v, e) -> delete(), executor);
    }

    private void delete() {
        try {
            content.close();
        } catch (IOException e) {
            log.warn("session {}: cannot delete the temp file of a message: {}", sessionId, e.toString());
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof UncheckedIOException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
