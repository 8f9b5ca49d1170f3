package org.hearthmail.relay.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.hearthmail.relay.buffer.SealedTempFile;
import org.hearthmail.relay.checks.ContentCheck;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.MessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message being received: each chunk is written to an encrypted temp file and fed to the content
 * checks, in order, on the executor. At the end the message is checked and forwarded (or refused) by
 * {@code onComplete}; the file is deleted whatever happens.
 *
 * <p>Back-pressure: {@link #write} returns the stage of the previous chunk, so at most two chunks
 * are held in memory and a slow disk slows the sender.
 */
final class CheckedMessage implements MessageSink {

    private static final Logger log = LoggerFactory.getLogger(CheckedMessage.class);

    private final SealedTempFile file;
    private final ContentCheck check;
    private final Executor executor;
    private final BiFunction<ContentCheck, SealedTempFile, CompletableFuture<Reply>> onComplete;
    private final String sessionId;
    // Only touched on the sender's event loop.
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean aborted;

    CheckedMessage(String sessionId, SealedTempFile file, ContentCheck check, Executor executor,
                   BiFunction<ContentCheck, SealedTempFile, CompletableFuture<Reply>> onComplete) {
        this.sessionId = sessionId;
        this.file = file;
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
        tail = tail.thenRunAsync(() -> append(bytes), executor);
        return previous;
    }

    private void append(byte[] bytes) {
        if (aborted) {
            return;
        }
        try {
            file.write(bytes, 0, bytes.length);
        } catch (IOException e) {
            log.warn("session {}: cannot write message content to {}: {}", sessionId, file.path().getParent(), e.toString());
            throw new UncheckedIOException(e);
        }
        check.update(bytes, 0, bytes.length);
    }

    /** The sender's final reply: the mailstore's, or a refusal, or a temporary failure. */
    @Override
    public CompletionStage<Reply> finish() {
        CompletableFuture<Reply> reply = tail.thenRunAsync(this::endWriting, executor)
                .thenCompose(v -> onComplete.apply(check, file))
                .handle((r, err) -> {
                    if (err != null) {
                        log.warn("session {}: message not forwarded: {}", sessionId, rootCause(err).toString());
                        return Reply.LOCAL_ERROR;
                    }
                    return r;
                });
        reply.whenCompleteAsync((r, e) -> delete(), executor);
        return reply;
    }

    private void endWriting() {
        try {
            file.finishWriting();
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
            file.close();
        } catch (IOException e) {
            log.warn("session {}: cannot delete temp file {}: {}", sessionId, file.path().getFileName(), e.toString());
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
