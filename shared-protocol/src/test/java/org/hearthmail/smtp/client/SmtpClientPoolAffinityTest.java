package org.hearthmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearthmail.smtp.client.SmtpClient.await;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pool's event-loop affinity, against a real SMTP server on loopback. */
class SmtpClientPoolAffinityTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final SmtpClientConfig CONFIG = SmtpClientConfig.defaults().withTimeouts(SmtpTimeouts.uniform(T));
    private static EventLoopGroup group;
    private static EventLoop loopA;
    private static EventLoop loopB;

    @BeforeAll
    static void setUp() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        loopA = group.next();
        loopB = group.next();
        assertThat(loopA).isNotSameAs(loopB);
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Opens on the loop asked for; without a preference, on the group. */
    private static SmtpClientPool.Opener opener() {
        return new SmtpClientPool.Opener() {
            @Override
            public CompletableFuture<SmtpClient> open(SmtpClientPool.Destination d) {
                return SmtpClient.connect(group, CONFIG, d.host(), d.port(), T).thenCompose(c -> c.ehlo("client.example").thenApply(x -> c));
            }

            @Override
            public CompletableFuture<SmtpClient> open(SmtpClientPool.Destination d, EventLoop loop) {
                return SmtpClient.connect(loop, CONFIG, d.host(), d.port(), T).thenCompose(c -> c.ehlo("client.example").thenApply(x -> c));
            }
        };
    }

    @Test
    void sessionIsOpenedOnTheCallersLoopAndReusedThereAfterARsetCheck() throws Exception {
        try (TestSmtpServer s = new TestSmtpServer(new TestSmtpServer.Options());
             SmtpClientPool pool = new SmtpClientPool(opener(), 4, Duration.ofSeconds(30), T)) {
            SmtpClientPool.Destination d = new SmtpClientPool.Destination("127.0.0.1", s.port());
            SmtpClient first;
            try (SmtpClientPool.Lease l = await(pool.acquire(d, loopA))) {
                first = l.client();
                assertThat(first.eventLoop()).isSameAs(loopA);
            }
            try (SmtpClientPool.Lease l = await(pool.acquire(d, loopA))) {
                assertThat(l.client()).as("the idle session on the same loop").isSameAs(first);
            }
            assertThat(pool.size(d)).isEqualTo(1);
            assertThat(s.transcript).contains("RSET");
        }
    }

    @Test
    void idleSessionOnAnotherLoopIsLeftAloneWhileTheLimitAllowsANewOne() throws Exception {
        try (TestSmtpServer s = new TestSmtpServer(new TestSmtpServer.Options());
             SmtpClientPool pool = new SmtpClientPool(opener(), 2, Duration.ofSeconds(30), T)) {
            SmtpClientPool.Destination d = new SmtpClientPool.Destination("127.0.0.1", s.port());
            SmtpClient onA;
            try (SmtpClientPool.Lease l = await(pool.acquire(d, loopA))) {
                onA = l.client();
            }
            try (SmtpClientPool.Lease l = await(pool.acquire(d, loopB))) {
                assertThat(l.client()).isNotSameAs(onA);
                assertThat(l.client().eventLoop()).isSameAs(loopB);
                assertThat(pool.idle(d)).as("the session on loop A stays idle").isEqualTo(1);
            }
            assertThat(pool.size(d)).isEqualTo(2);
        }
    }

    @Test
    void atTheLimitAnIdleSessionOnAnotherLoopIsUsed() throws Exception {
        try (TestSmtpServer s = new TestSmtpServer(new TestSmtpServer.Options());
             SmtpClientPool pool = new SmtpClientPool(opener(), 1, Duration.ofSeconds(30), T)) {
            SmtpClientPool.Destination d = new SmtpClientPool.Destination("127.0.0.1", s.port());
            SmtpClient onA;
            try (SmtpClientPool.Lease l = await(pool.acquire(d, loopA))) {
                onA = l.client();
            }
            try (SmtpClientPool.Lease l = await(pool.acquire(d, loopB))) {
                assertThat(l.client()).isSameAs(onA);
                assertThat(await(l.client().noop()).code()).isEqualTo(250);
            }
            assertThat(pool.size(d)).isEqualTo(1);
        }
    }
}
