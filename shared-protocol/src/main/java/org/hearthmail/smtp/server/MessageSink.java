package org.hearthmail.smtp.server;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;
import org.hearthmail.smtp.Reply;

/**
 * Where one message's content goes: a file, or the next hop. Called on the channel's event loop, in
 * order; implementations must not block it (hand disk or network work to another thread and return
 * a stage). The session reads no further input while a returned stage is incomplete (back-pressure).
 */
public interface MessageSink {

    /** Takes ownership of {@code chunk} (release it when done). Content is unstuffed, CRLF line ends. */
    CompletionStage<Void> write(ByteBuf chunk);

    /**
     * All content was written. Completes with the reply for the client: 250 only once the message is
     * durably stored (or durably handed on); 4yz/5yz otherwise.
     */
    CompletionStage<Reply> finish();

    /** The message is abandoned (fault, RSET, lost connection): discard what was written. */
    void abort();
}
