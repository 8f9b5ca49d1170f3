package org.hearthmail.mailstore.submission;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hearthmail.mailstore.store.AsyncStore;
import org.hearthmail.mailstore.store.DeliveryResult;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.mailstore.store.RecipientOutcome;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.server.MessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One submitted message from DATA to the final reply. Content goes (on the worker) through the
 * {@link MessageAssembler} into the spool; at the end it is signed, handed to the relay for the
 * remote recipients, then stored for the local ones, and only then answered 250. Remote first:
 * an unreachable relay is the likely failure, and answering 451 before anything was stored means
 * the client's retry duplicates nothing.
 */
final class SubmittedMessage implements MessageSink {

    private static final Logger log = LoggerFactory.getLogger(SubmittedMessage.class);

    private final MessageAssembler assembler;
    private final MessageSpool spool;
    private final Executor worker;
    private final MessageStore store;
    private final RelayHandoff relay;
    private final List<String> local;
    private final java.util.function.Function<MessageBody, OutboundMessage> remote;

    /**
     * @param remote makes the relay's message from the signed body; null when every recipient is local
     */
    SubmittedMessage(MessageAssembler assembler, MessageSpool spool, Executor worker, MessageStore store,
                     RelayHandoff relay, List<String> local,
                     java.util.function.Function<MessageBody, OutboundMessage> remote) {
        this.assembler = assembler;
        this.spool = spool;
        this.worker = worker;
        this.store = store;
        this.relay = relay;
        this.local = List.copyOf(local);
        this.remote = remote;
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        byte[] b;
        try {
            b = new byte[chunk.readableBytes()];
            chunk.readBytes(b);
        } finally {
            chunk.release();
        }
        // The session reads on only when this completes: disk speed is the back-pressure.
        return CompletableFuture.runAsync(() -> {
            try {
                assembler.write(b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, worker);
    }

    @Override
    public CompletionStage<Reply> finish() {
        return CompletableFuture.supplyAsync(this::prepare, worker)
                .thenCompose(signed -> signed.refusal != null ? CompletableFuture.completedFuture(signed.refusal)
                        : dispatch(signed.signature))
                .handle((reply, err) -> {
                    if (err != null) {
                        log.warn("submission failed: {}", AsyncStore.cause(err).toString());
                        reply = Reply.LOCAL_ERROR;
                    }
                    spool.close();
                    return reply;
                });
    }

    private record Prepared(Reply refusal, byte[] signature) {
    }

    private Prepared prepare() {
        try {
            Reply refusal = assembler.finish();
            if (refusal != null) {
                return new Prepared(refusal, null);
            }
            return new Prepared(null, assembler.signature());
        } catch (IOException | org.hearthmail.dkim.DkimSigningException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private CompletableFuture<Reply> dispatch(byte[] signature) {
        CompletableFuture<Reply> first = remote == null ? CompletableFuture.completedFuture(null)
                : relay.handOff(remote.apply(MessageBody.of(signed(signature))));
        return first.thenComposeAsync(r -> {
            if (r != null && r.code() != 250) {
                return CompletableFuture.completedFuture(r);
            }
            if (local.isEmpty()) {
                return CompletableFuture.completedFuture(r);
            }
            return CompletableFuture.completedFuture(storeLocally(signature));
        }, worker);
    }

    private InputStream signed(byte[] signature) {
        try {
            return new SequenceInputStream(new ByteArrayInputStream(signature), spool.open());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs on the worker: the store blocks until the message is fsynced and committed. */
    private Reply storeLocally(byte[] signature) {
        try (InputStream in = signed(signature)) {
            DeliveryResult r = store.deliver(local, MailboxRole.INBOX, in);
            long failed = r.outcomes().stream().filter(o -> o instanceof RecipientOutcome.NotDelivered).count();
            if (failed == 0) {
                return SubmissionReplies.QUEUED;
            }
            if (r.anyDelivered()) {
                log.warn("submitted message stored for {} of {} local recipients", r.delivered().size(), r.outcomes().size());
                return SubmissionReplies.QUEUED;
            }
            return SubmissionReplies.MAILBOX_FULL;
        } catch (IOException e) {
            log.warn("storing a submitted message failed: {}", e.toString());
            return Reply.LOCAL_ERROR;
        }
    }

    @Override
    public void abort() {
        assembler.discard();
    }
}
