package org.hearthmail.relay.forward;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpClientConfig;
import org.hearthmail.smtp.client.SmtpClientPool;

/**
 * Pooled SMTP sessions to the mailstore's intake across the tunnel. Sessions run on the event loops
 * of the relay's inbound listener, each preferably on the loop of the sender it serves, so the
 * sender's commands and the mailstore's replies are handled by one thread without hand-offs.
 */
public final class MailstoreLink implements AutoCloseable {

    private final SmtpClientPool pool;
    private final SmtpClientPool.Destination destination;
    private final EventLoopGroup loops;

    /**
     * @param loops    the inbound listener's event loops; sessions are opened on them
     * @param timeouts the limits for the mailstore's replies; a session that misses one is closed
     */
    public MailstoreLink(InetSocketAddress intake, int maxSessions, Duration connectTimeout, EventLoopGroup loops,
                         LinkTimeouts timeouts) {
        this.destination = new SmtpClientPool.Destination(intake.getHostString(), intake.getPort());
        this.loops = loops;
        // Not RFC 5321 §4.5.3.2's minutes: this hop is ours (see LinkTimeouts).
        SmtpClientConfig config = SmtpClientConfig.defaults().withTimeouts(timeouts.smtp());
        this.pool = new SmtpClientPool(new SmtpClientPool.Opener() {
            @Override
            public CompletableFuture<SmtpClient> open(SmtpClientPool.Destination d) {
                return SmtpClient.connect(loops, config, d.host(), d.port(), connectTimeout);
            }

            @Override
            public CompletableFuture<SmtpClient> open(SmtpClientPool.Destination d, EventLoop loop) {
                return SmtpClient.connect(loop, config, d.host(), d.port(), connectTimeout);
            }
        }, maxSessions, Duration.ofSeconds(60), connectTimeout.plusSeconds(5));
    }

    /** The listener's event loop the calling thread runs, or null when called from elsewhere. */
    EventLoop callerLoop() {
        for (EventExecutor e : loops) {
            if (e.inEventLoop() && e instanceof EventLoop loop) {
                return loop;
            }
        }
        return null;
    }

    /** A session, preferably on {@code loop} (null: any). */
    CompletableFuture<SmtpClientPool.Lease> acquire(EventLoop loop) {
        return pool.acquire(destination, loop);
    }

    @Override
    public void close() {
        pool.close();
    }
}
