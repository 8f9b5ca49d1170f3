package org.hearthmail.relay.outbound;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.SuppressionList;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;

/**
 * The relay's SMTP listener for mail from the mailstore: STARTTLS required (RFC 3207), then AUTH
 * PLAIN as the relay with its secret (RFC 4954), then MAIL; each message is queued durably before
 * 250.
 */
public final class OutboundListener implements AutoCloseable {
    private final OutboundConfig config;
    private final SmtpServer server;
    private final ExecutorService disk;

    public OutboundListener(OutboundConfig config, QueueStore queue, SuppressionList suppression) {
        this.config = config;
        // Each message's writes stay in order (QueueSink chains them); several threads let the fsyncs of
        // concurrent hand-offs overlap, which the file system's journal commits together.
        this.disk = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "outbound-queue-writer");
            t.setDaemon(true);
            return t;
        });
        SmtpServerConfig smtp = SmtpServerConfig.builder(config.hostname())
                .tls(config.tls())
                .requireTls(true)
                .authenticator(new RelaySecretAuthenticator(config.relayName(), config.secret()))
                .requireAuth(true)
                .maxMessageSize(config.maxMessageSize())
                .maxRecipients(config.maxRecipients())
                .build();
        // One summary line per message (org.hearthmail.log).
        this.server = new SmtpServer(smtp, org.hearthmail.log.SummarizingSessions.wrap("out", false,
                info -> new OutboundSession(queue, suppression, config.hostname(), disk).cachePushes(config.cachePushes())));
    }

    /** Binds the configured address; returns the bound one (useful with port 0). */
    public InetSocketAddress start() throws InterruptedException {
        return server.start(config.bind());
    }

    @Override
    public void close() {
        server.close();
        disk.shutdown();
    }
}
