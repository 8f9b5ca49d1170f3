package org.hearthmail.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Drives a server session on an {@link EmbeddedChannel} as a transcript: {@code send} client bytes,
 * {@code expect} the server's replies. Every outbound buffer is released.
 */
public final class SmtpHarness implements AutoCloseable {

    public final RecordingHandler handler;
    public final EmbeddedChannel channel;

    public SmtpHarness(SmtpServerConfig config) {
        this(config, new RecordingHandler(), new InetSocketAddress("192.0.2.10", 40000));
    }

    public SmtpHarness(SmtpServerConfig config, RecordingHandler handler, InetSocketAddress peer) {
        this.handler = handler;
        SmtpServer server = new SmtpServer(config, handler.factory(), null);
        this.channel = new PeerChannel(peer);
        server.initPipeline(channel);
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        settle();
    }

    public static SmtpServerConfig.Builder config() {
        return SmtpServerConfig.builder("mx.example.test");
    }

    /** Sends text exactly as given (use \r\n). */
    public SmtpHarness send(String s) {
        return sendBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public SmtpHarness sendBytes(byte[] b) {
        if (!channel.isOpen()) {
            throw new AssertionError("connection closed by the server");
        }
        channel.writeInbound(Unpooled.wrappedBuffer(b));
        settle();
        return this;
    }

    /** Sends the bytes cut into pieces of {@code size} octets, each its own read. */
    public SmtpHarness sendSplit(String s, int size) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += size) {
            channel.writeInbound(Unpooled.wrappedBuffer(b, i, Math.min(size, b.length - i)));
            settle();
        }
        return this;
    }

    private void settle() {
        for (int i = 0; i < 100; i++) {
            channel.runPendingTasks();
            if (!channel.isOpen()) {
                return;
            }
            channel.flushOutbound();
            if (!channel.hasPendingTasks()) {
                return;
            }
        }
    }

    /** All reply text the server has written since the last call. */
    public String replies() {
        settle();
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    /** Asserts the replies written since the last call, as CRLF-separated lines. */
    public SmtpHarness expect(String... lines) {
        String want = lines.length == 0 ? "" : String.join("\r\n", lines) + "\r\n";
        assertThat(replies()).isEqualTo(want);
        return this;
    }

    /** Asserts each reply line since the last call starts with the given prefixes, in order. */
    public SmtpHarness expectCodes(String... prefixes) {
        String[] got = replies().split("\r\n");
        assertThat(got).hasSize(prefixes.length);
        for (int i = 0; i < prefixes.length; i++) {
            assertThat(got[i]).startsWith(prefixes[i]);
        }
        return this;
    }

    public SmtpHarness ehlo() {
        send("EHLO client.example\r\n");
        replies();
        return this;
    }

    public boolean open() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    /** An embedded channel with a chosen remote address. */
    private static final class PeerChannel extends EmbeddedChannel {
        private final InetSocketAddress peer;

        PeerChannel(InetSocketAddress peer) {
            super(false, false);
            this.peer = peer;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return peer;
        }

        @Override
        protected SocketAddress localAddress0() {
            return new InetSocketAddress("198.51.100.1", 25);
        }
    }
}
