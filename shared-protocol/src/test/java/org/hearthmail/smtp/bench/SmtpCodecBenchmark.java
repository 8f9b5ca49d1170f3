package org.hearthmail.smtp.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Messages per second through the whole server pipeline (decoder, session, a sink that only counts
 * and releases) on an {@link EmbeddedChannel}: one op is one transaction, MAIL, RCPT, DATA, the body
 * in reads of {@code readSize} octets, the end marker, every reply drained. No I/O, no TLS: this is
 * the protocol engine's own cost. Run with {@code bin/bench-smtp-codec}; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmtpCodecBenchmark {

    /** Body octets on the wire (dot-stuffed, CRLF lines), without the end marker. */
    @Param({"4096", "102400"})
    public int bodySize;

    /** Octets per read, as a socket read would hand them over. */
    @Param({"16384"})
    public int readSize;

    private EmbeddedChannel channel;
    private CountingHandler handler;
    private byte[] envelope;
    private byte[] message;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        handler = new CountingHandler();
        SmtpServerConfig config = SmtpServerConfig.builder("mx.example.test").build();
        channel = new EmbeddedChannel(false, false);
        new SmtpServer(config, info -> handler, null).initPipeline(channel);
        channel.register();
        settle();
        write(ascii("EHLO client.example\r\n"), 0, -1);
        drainReplies();
        envelope = ascii("MAIL FROM:<sender@example.org>\r\nRCPT TO:<rcpt@example.test>\r\nDATA\r\n");
        message = body(bodySize);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        if (handler.messages == 0) {
            throw new IllegalStateException("no message was accepted");
        }
    }

    @Benchmark
    public long transaction() {
        write(envelope, 0, envelope.length);
        for (int i = 0; i < message.length; i += readSize) {
            write(message, i, Math.min(readSize, message.length - i));
        }
        String last = drainReplies();
        if (!last.startsWith("250 ")) {
            throw new IllegalStateException("transaction not accepted: " + last);
        }
        return handler.bytes;
    }

    /** Each read arrives in a buffer of the channel's allocator (Netty's default), as from a socket. */
    private void write(byte[] bytes, int from, int length) {
        int n = length < 0 ? bytes.length : length;
        channel.writeInbound(channel.alloc().directBuffer(n).writeBytes(bytes, from, n));
        settle();
    }

    private void settle() {
        for (int i = 0; i < 1000 && channel.hasPendingTasks(); i++) {
            channel.runPendingTasks();
        }
    }

    /** Releases every reply written and returns the last line. */
    private String drainReplies() {
        channel.flushOutbound();
        ByteBuf b;
        ByteBuf lastBuf = null;
        while ((b = channel.readOutbound()) != null) {
            if (lastBuf != null) {
                lastBuf.release();
            }
            lastBuf = b;
        }
        if (lastBuf == null) {
            return "";
        }
        String s = lastBuf.toString(StandardCharsets.US_ASCII);
        lastBuf.release();
        return s;
    }

    /** Text lines of 76 octets plus CRLF, every tenth dot-stuffed, then the end marker. */
    static byte[] body(int size) {
        StringBuilder sb = new StringBuilder(size + 100);
        sb.append("From: sender@example.org\r\nTo: rcpt@example.test\r\nSubject: benchmark\r\n\r\n");
        String text = "The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs";
        for (int n = 0; sb.length() < size - 80; n++) {
            sb.append(n % 10 == 9 ? ".." + text.substring(2, 76) : text.substring(0, 76)).append("\r\n");
        }
        while (sb.length() < size - 2) {
            sb.append('x');
        }
        sb.append("\r\n.\r\n");
        return ascii(sb.toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Accepts everything; the sink counts content octets and releases them at once. */
    static final class CountingHandler implements SessionHandler {
        long bytes;
        long messages;
        private final CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        private final CompletableFuture<Reply> accepted = CompletableFuture.completedFuture(Reply.MESSAGE_ACCEPTED);
        private final MessageSink sink = new MessageSink() {
            @Override
            public CompletionStage<Void> write(ByteBuf chunk) {
                bytes += chunk.readableBytes();
                chunk.release();
                return done;
            }

            @Override
            public CompletionStage<Reply> finish() {
                messages++;
                return accepted;
            }

            @Override
            public void abort() {
            }
        };

        @Override
        public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
            return CompletableFuture.completedFuture(Decision.accept());
        }

        @Override
        public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
            return CompletableFuture.completedFuture(Decision.accept());
        }

        @Override
        public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
            return CompletableFuture.completedFuture(sink);
        }
    }
}
