package org.hearthmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearthmail.smtp.client.SmtpClient.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Content failures and pool housekeeping against {@link TestSmtpServer}. */
class SmtpClientFailureTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static EventLoopGroup group;
    private static final SmtpClientConfig CONFIG = SmtpClientConfig.defaults().withTimeouts(SmtpTimeouts.uniform(T));

    @BeforeAll
    static void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void contentStreamFailingMidwayClosesTheSessionWithoutTerminatingTheData() throws Exception {
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 200_000) {
                    return n % 80 == 0 ? '\n' : 'a';
                }
                throw new IOException("disk gone");
            }
        };
        try (TestSmtpServer s = new TestSmtpServer(new TestSmtpServer.Options());
             SmtpClient c = await(SmtpClient.connect(group, CONFIG, "127.0.0.1", s.port(), T))) {
            await(c.ehlo("client.example"));
            await(c.mail("a@example.org", java.util.List.of()));
            await(c.rcpt("b@example.net", java.util.List.of()));
            assertThatThrownBy(() -> await(c.data(MessageBody.of(failing)))).hasMessageContaining("disk gone");
            assertThat(c.isOpen()).isFalse();
            assertThat(s.messages.poll(500, TimeUnit.MILLISECONDS)).as("no message was accepted").isNull();
        }
    }

    @Test
    void poolClosesIdleSessionsWithQuitAfterTheIdleTimeout() throws Exception {
        try (TestSmtpServer s = new TestSmtpServer(new TestSmtpServer.Options());
             SmtpClientPool pool = new SmtpClientPool(opener(), 2, Duration.ofMillis(200), T)) {
            SmtpClientPool.Destination d = new SmtpClientPool.Destination("127.0.0.1", s.port());
            SmtpClient client;
            try (SmtpClientPool.Lease l = await(pool.acquire(d))) {
                client = l.client();
            }
            assertThat(pool.idle(d)).isEqualTo(1);
            for (int i = 0; i < 50 && pool.size(d) > 0; i++) {
                Thread.sleep(50);
            }
            assertThat(pool.size(d)).isZero();
            for (int i = 0; i < 50 && client.isOpen(); i++) {
                Thread.sleep(50);
            }
            assertThat(client.isOpen()).isFalse();
            assertThat(s.transcript).contains("QUIT");
        }
    }

    @Test
    void poolReplacesAnIdleSessionThatDied() throws Exception {
        try (TestSmtpServer s = new TestSmtpServer(new TestSmtpServer.Options());
             SmtpClientPool pool = new SmtpClientPool(opener(), 1, Duration.ofSeconds(30), T)) {
            SmtpClientPool.Destination d = new SmtpClientPool.Destination("127.0.0.1", s.port());
            SmtpClient first;
            try (SmtpClientPool.Lease l = await(pool.acquire(d))) {
                first = l.client();
            }
            first.close(); // dies while idle
            for (int i = 0; i < 50 && first.isOpen(); i++) {
                Thread.sleep(20);
            }
            try (SmtpClientPool.Lease l = await(pool.acquire(d))) {
                assertThat(l.client()).isNotSameAs(first);
                assertThat(await(l.client().noop()).code()).isEqualTo(250);
            }
            assertThat(pool.size(d)).isEqualTo(1);
        }
    }

    private static SmtpClientPool.Opener opener() {
        return d -> SmtpClient.connect(group, CONFIG, d.host(), d.port(), T)
                .thenCompose(c -> c.ehlo("client.example").thenApply(x -> c));
    }
}
