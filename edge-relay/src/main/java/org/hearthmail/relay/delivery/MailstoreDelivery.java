package org.hearthmail.relay.delivery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearthmail.relay.queue.DeliveryAgent;
import org.hearthmail.relay.queue.DeliveryOutcome;
import org.hearthmail.relay.queue.DeliveryRequest;
import org.hearthmail.smtp.client.TlsPolicy;

/**
 * Delivers notices (DSNs) to the mailstore's intake through the tunnel: one SMTP session to the
 * configured address, STARTTLS under the given policy when offered, AUTH PLAIN when credentials
 * are configured.
 */
public final class MailstoreDelivery implements DeliveryAgent, AutoCloseable {
    private final InetSocketAddress intake;
    private final DeliveryConfig config;
    private final TlsPolicy tls;
    private final SmtpAttempt.Login login;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mailstore-delivery");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param user     AUTH PLAIN user name, or null for no AUTH
     * @param password AUTH PLAIN password (ignored without a user)
     */
    public MailstoreDelivery(InetSocketAddress intake, DeliveryConfig config, TlsPolicy tls, String user, String password) {
        this.intake = intake;
        this.config = config;
        this.tls = tls;
        this.login = user == null ? null : new SmtpAttempt.Login(user, password);
    }

    @Override
    public CompletableFuture<List<DeliveryOutcome>> deliver(DeliveryRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                AttemptResult r = SmtpAttempt.run(group, config, intake.getAddress(), intake.getPort(), "mailstore",
                        request, tls == null ? null : new SmtpAttempt.Tls(tls, false), login);
                if (r instanceof AttemptResult.Done d) {
                    return d.outcomes();
                }
                return MxDelivery.all(request, DeliveryOutcome.Deferred::new,
                        "451 4.4.1 " + ((AttemptResult.TryNext) r).reason(), "mailstore");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return MxDelivery.all(request, DeliveryOutcome.Deferred::new, "451 4.3.2 interrupted", null);
            }
        }, workers);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
