package org.hearthmail.relay.forward;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpClientPool;

/** Pooled SMTP sessions to the mailstore's intake across the tunnel. */
public final class MailstoreLink implements AutoCloseable {

    private final SmtpClientPool pool;
    private final SmtpClientPool.Destination destination;

    public MailstoreLink(InetSocketAddress intake, int maxSessions, Duration connectTimeout) {
        this.destination = new SmtpClientPool.Destination(intake.getHostString(), intake.getPort());
        this.pool = new SmtpClientPool(d -> SmtpClient.connect(d.host(), d.port(), connectTimeout),
                maxSessions, Duration.ofSeconds(60), connectTimeout.plusSeconds(5));
    }

    CompletableFuture<SmtpClientPool.Lease> acquire() {
        return pool.acquire(destination);
    }

    @Override
    public void close() {
        pool.close();
    }
}
