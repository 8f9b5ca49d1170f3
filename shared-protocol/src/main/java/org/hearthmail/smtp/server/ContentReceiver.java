package org.hearthmail.smtp.server;

import java.util.concurrent.CompletionStage;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.codec.DataFaults;
import org.hearthmail.smtp.codec.DecoderMode;
import org.hearthmail.smtp.codec.SmtpInput;

/**
 * Moves message content from the decoder into the transaction's {@link MessageSink}, for DATA
 * (RFC 5321 §4.1.1.4) and BDAT (RFC 3030), and gives the final reply: the sink's own, which is
 * 250 only once the message is stored; or the reply for what was wrong with the content.
 */
final class ContentReceiver {

    private final SessionContext s;
    private final long maxSize;
    /** The reply owed at the end of the current BDAT chunk when it is being discarded. */
    private Reply bdatChunkError;
    /** Why the current message failed while content was still arriving; reported at its end. */
    private Reply messageFailure;

    ContentReceiver(SessionContext session, long maxSize) {
        this.s = session;
        this.maxSize = maxSize;
    }

    void bdat(SmtpInput.Bdat b) {
        // RFC 3030 §2: the chunk is read whatever the reply, and the reply follows the chunk.
        bdatChunkError = null;
        if (!Verb.BDAT.validIn(s.state())) {
            bdatChunkError = Verb.BDAT.outOfSequence(s.state());
            return;
        }
        if (s.state() == SessionState.BDAT) {
            return;
        }
        messageFailure = null;
        s.state(SessionState.BDAT);
        CompletionStage<MessageSink> open = s.handler().openMessage(s.info(), s.transaction().envelope());
        s.await(open.handle((sink, err) -> err == null ? sink : null), sink -> {
            if (sink == null) {
                messageFailure = Reply.LOCAL_ERROR;
            } else {
                s.transaction().sink(sink);
            }
        });
    }

    void content(SmtpInput.Content c) {
        Transaction tx = s.transaction();
        if (s.state() == SessionState.BDAT && bdatChunkError == null && messageFailure == null) {
            tx.addBdatSize(c.data().readableBytes());
            if (tx.bdatSize() > maxSize) {
                // RFC 1870 §6.3 / RFC 3030 §4: too much content: 552 5.3.4 once the chunk ends.
                fail(Reply.MESSAGE_TOO_BIG);
            }
        }
        MessageSink sink = tx.sink();
        if (sink == null || messageFailure != null || bdatChunkError != null
                || (s.state() != SessionState.DATA && s.state() != SessionState.BDAT)) {
            c.release();
            return;
        }
        s.await(sink.write(c.data()).handle((v, err) -> err), err -> {
            if (err != null) {
                fail(Reply.LOCAL_ERROR);
            }
        });
    }

    private void fail(Reply reply) {
        messageFailure = reply;
        s.transaction().abort();
    }

    void dataEnd(SmtpInput.DataEnd end) {
        DataFaults f = end.faults();
        Reply fault = f.bareLineEnding() ? Reply.BARE_LINE_ENDING
                : f.tooBig() ? Reply.MESSAGE_TOO_BIG
                : f.lineTooLong() ? Reply.DATA_LINE_TOO_LONG
                : messageFailure;
        finishMessage(fault);
    }

    void bdatEnd(SmtpInput.BdatEnd end) {
        if (bdatChunkError != null) {
            Reply r = bdatChunkError;
            bdatChunkError = null;
            s.reply(r);
            return;
        }
        Transaction tx = s.transaction();
        tx.addBdatChunk(end);
        if (!end.last()) {
            // RFC 3030 §2: each non-last chunk gets its own reply.
            s.reply(messageFailure != null ? messageFailure : Reply.of(250, "2.0.0", end.size() + " octets received"));
            return;
        }
        finishMessage(messageFailure != null ? messageFailure : tx.bdatBare() ? Reply.BARE_LINE_ENDING : null);
    }

    private void finishMessage(Reply fault) {
        MessageSink sink = s.transaction().sink();
        if (fault != null || sink == null) {
            done(fault != null ? fault : Reply.LOCAL_ERROR);
            return;
        }
        s.transaction().sink(null);
        s.await(sink.finish().handle((r, err) -> err == null ? r : Reply.LOCAL_ERROR), this::done);
    }

    private void done(Reply reply) {
        boolean wasData = s.state() == SessionState.DATA;
        s.reply(reply);
        messageFailure = null;
        s.resetTransaction();
        s.state(SessionState.READY);
        if (wasData) {
            // After BDAT the decoder went back to commands by itself and may be inside the next chunk.
            s.resumeDecoder(DecoderMode.COMMAND);
        }
    }
}
