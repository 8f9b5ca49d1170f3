package org.hearthmail.smtp.server;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.Reply;

/**
 * A test policy: accepts recipients whose local part does not start with "unknown", keeps messages
 * in memory (small test messages only) or just counts their bytes, and records what happened.
 */
public final class RecordingHandler implements SessionHandler {

    /** A stored message with its envelope. */
    public record Stored(Envelope envelope, byte[] content, SessionInfo session) {
        public String text() {
            return new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    public final List<Stored> stored = Collections.synchronizedList(new ArrayList<>());
    public volatile long countedBytes;
    public volatile int aborted;
    public volatile SessionInfo lastInfo;
    private final boolean keepContent;
    private final Predicate<Mailbox> recipientOk;

    public RecordingHandler() {
        this(true, m -> !m.localPart().startsWith("unknown"));
    }

    public RecordingHandler(boolean keepContent, Predicate<Mailbox> recipientOk) {
        this.keepContent = keepContent;
        this.recipientOk = recipientOk;
    }

    public SessionHandlerFactory factory() {
        return info -> this;
    }

    @Override
    public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
        lastInfo = session;
        return CompletableFuture.completedFuture(Decision.accept());
    }

    @Override
    public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
        lastInfo = session;
        return CompletableFuture.completedFuture(recipientOk.test(rcptTo.recipient())
                ? Decision.accept() : Decision.reject(Reply.MAILBOX_UNAVAILABLE));
    }

    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
        lastInfo = session;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return CompletableFuture.completedFuture(new MessageSink() {
            @Override
            public CompletionStage<Void> write(ByteBuf chunk) {
                try {
                    countedBytes += chunk.readableBytes();
                    if (keepContent) {
                        chunk.readBytes(out, chunk.readableBytes());
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    chunk.release();
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<Reply> finish() {
                stored.add(new Stored(envelope, out.toByteArray(), session));
                return CompletableFuture.completedFuture(Reply.MESSAGE_ACCEPTED);
            }

            @Override
            public void abort() {
                aborted++;
            }
        });
    }
}
