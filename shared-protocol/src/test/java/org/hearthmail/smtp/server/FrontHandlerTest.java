package org.hearthmail.smtp.server;

import org.hearthmail.testsupport.LineClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hook the relay's connection gate uses: a front handler that may hold the greeting and name the client. */
class FrontHandlerTest {

    private SmtpServer server;
    private final RecordingHandler handler = new RecordingHandler();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Lets channelActive through after a delay, with a verified name set. */
    private static final class NamingGate extends ChannelInboundHandlerAdapter {
        private final long delayMillis;

        NamingGate(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> {
                ctx.channel().attr(SessionAttributes.VERIFIED_CLIENT_NAME).set("client.example.test");
                ctx.fireChannelActive();
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void verifiedNameFromFrontHandlerBecomesSessionClientName() throws Exception {
        server = new SmtpServer(SmtpServerConfig.builder("mx.example.test").build(), handler.factory())
                .frontHandler(() -> new NamingGate(0));
        InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
        try (LineClient c = new LineClient(addr)) {
            assertThat(c.reply()).startsWith("220 ");
            c.command("EHLO client.example.test");
            assertThat(c.command("MAIL FROM:<a@example.org>")).startsWith("250");
            assertThat(handler.lastInfo.clientName()).isEqualTo("client.example.test");
        }
    }

    @Test
    void greetingWaitsForTheFrontHandler() throws Exception {
        server = new SmtpServer(SmtpServerConfig.builder("mx.example.test").build(), handler.factory())
                .frontHandler(() -> new NamingGate(300));
        InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
        long start = System.nanoTime();
        try (LineClient c = new LineClient(addr)) {
            assertThat(c.reply()).startsWith("220 ");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    @Test
    void withoutFrontHandlerClientNameIsUnknown() throws Exception {
        server = new SmtpServer(SmtpServerConfig.builder("mx.example.test").build(), handler.factory());
        InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
        try (LineClient c = new LineClient(addr)) {
            c.reply();
            c.command("EHLO client.example.test");
            assertThat(c.command("MAIL FROM:<a@example.org>")).startsWith("250");
            assertThat(handler.lastInfo.clientName()).isNull();
        }
    }
}
