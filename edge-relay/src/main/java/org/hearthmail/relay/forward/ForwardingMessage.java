package org.hearthmail.relay.forward;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.MessageSink;

/** One message streamed to the mailstore while the sender sends it. */
final class ForwardingMessage implements MessageSink {

    private final LiveBody body;
    private final CompletableFuture<Reply> mailstoreReply;
    private final Runnable dropLink;

    ForwardingMessage(LiveBody body, CompletableFuture<Reply> mailstoreReply, Runnable dropLink) {
        this.body = body;
        this.mailstoreReply = mailstoreReply;
        this.dropLink = dropLink;
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        return body.offer(chunk);
    }

    /** The sender's final reply is the mailstore's, after it committed. */
    @Override
    public CompletionStage<Reply> finish() {
        body.end();
        return mailstoreReply.handle((r, e) -> {
            if (e != null) {
                dropLink.run();
                return Reply.of(451, "4.4.2", "Lost the connection to the mailbox server, try again later");
            }
            return r;
        });
    }

    /** Never terminate the data towards the mailstore: drop that connection so nothing is stored. */
    @Override
    public void abort() {
        dropLink.run();
        body.close();
    }
}
