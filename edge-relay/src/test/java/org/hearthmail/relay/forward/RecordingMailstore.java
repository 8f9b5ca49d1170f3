package org.hearthmail.relay.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;

/**
 * A stand-in for the mailstore's intake in relay tests: our real SMTP server on loopback, trusting
 * XCLIENT from loopback, taking mail for {@code alice@} only and keeping each message in memory
 * with the session facts it arrived under. Each connection's inbound bytes are kept as a transcript.
 */
final class RecordingMailstore implements AutoCloseable {

    /** One stored message: the session facts at its end, which connection carried it, its content. */
    record Stored(SessionInfo session, int connection, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.ISO_8859_1);
        }
    }

    /** RFC 3463 §3.3: X.1.1 bad destination mailbox address. */
    static final Reply UNKNOWN = Reply.of(550, "5.1.1", "No such user here");
    static final Reply STORED = Reply.of(250, "2.0.0", "Stored by the recording mailstore");

    final List<Stored> stored = new CopyOnWriteArrayList<>();
    /** Stops answering RCPT (a hung mailstore): the reply never comes, the connection stays open. */
    volatile boolean silentAtRcpt;
    /** Takes the whole content but never gives the final reply. */
    volatile boolean silentAtCommit;
    /** Content whose final reply was withheld (silentAtCommit). */
    final List<byte[]> unanswered = new CopyOnWriteArrayList<>();
    /** The verdict on each MAIL, by reverse-path; accepts every sender unless a test changes it. */
    volatile Function<String, CompletionStage<Decision>> mailPolicy = path -> CompletableFuture.completedFuture(Decision.accept());
    /** Per connection, everything the relay sent (ISO-8859-1). */
    final List<StringBuffer> transcripts = new CopyOnWriteArrayList<>();
    private final SmtpServer server;
    private final InetSocketAddress address;

    /** @param chunking false: CHUNKING is struck from the EHLO reply, so clients must use DATA */
    RecordingMailstore(boolean chunking) throws InterruptedException {
        server = new SmtpServer(SmtpServerConfig.builder("store.example.test").xclientTrusted(a -> a.isLoopbackAddress()).build(),
                info -> new Session());
        server.frontHandler(() -> new Wiretap(chunking));
        address = server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    InetSocketAddress address() {
        return address;
    }

    int connections() {
        return transcripts.size();
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.close();
        }
    }

    /** Records inbound bytes per connection; optionally hides CHUNKING (RFC 3030) from EHLO replies. */
    private final class Wiretap extends ChannelDuplexHandler {
        private final boolean chunking;
        private final StringBuffer transcript = new StringBuffer();

        Wiretap(boolean chunking) {
            this.chunking = chunking;
            transcripts.add(transcript);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b) {
                transcript.append(b.toString(StandardCharsets.ISO_8859_1));
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!chunking && msg instanceof ByteBuf b && b.toString(StandardCharsets.ISO_8859_1).contains("CHUNKING\r\n")) {
                String reply = b.toString(StandardCharsets.ISO_8859_1).replace("250-CHUNKING\r\n", "");
                b.release();
                msg = Unpooled.copiedBuffer(reply, StandardCharsets.ISO_8859_1);
            }
            ctx.write(msg, promise);
        }
    }

    private final class Session implements SessionHandler {
        private final int connection = transcripts.size() - 1;

        @Override
        public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
            return mailPolicy.apply(mailFrom.isNullSender() ? "" : mailFrom.sender().toString());
        }

        @Override
        public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcpt) {
            if (silentAtRcpt) {
                return new CompletableFuture<>();
            }
            return CompletableFuture.completedFuture(rcpt.recipient().toString().startsWith("alice@")
                    ? Decision.accept() : Decision.reject(UNKNOWN));
        }

        @Override
        public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            return CompletableFuture.completedFuture(new MessageSink() {
                @Override
                public CompletionStage<Void> write(ByteBuf chunk) {
                    content.writeBytes(ByteBufUtil.getBytes(chunk));
                    chunk.release();
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public CompletionStage<Reply> finish() {
                    if (silentAtCommit) {
                        unanswered.add(content.toByteArray());
                        return new CompletableFuture<>();
                    }
                    stored.add(new Stored(session, connection, content.toByteArray()));
                    return CompletableFuture.completedFuture(STORED);
                }

                @Override
                public void abort() {
                }
            });
        }
    }
}
