package org.hearthmail.mailstore.intake;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.mailstore.store.AsyncStore;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;

/** The intake SMTP listener: the relay's way in, over the tunnel. */
public final class IntakeServer implements AutoCloseable {

    private final SmtpServer server;
    private final IntakeConfig config;
    private final ExecutorService spoolWorker;

    /** @param executor runs store work (disk, fsync), never the event loop */
    public IntakeServer(IntakeConfig config, MessageStore store, Executor executor) {
        this(config, store, executor, null);
    }

    /**
     * @param spool the key and id memory for spool entries the relay hands over (ADR 0003); null:
     *              {@code RCPT TO:<spool@relay.invalid>} is refused
     */
    public IntakeServer(IntakeConfig config, MessageStore store, Executor executor, SpoolIntake spool) {
        this.config = config;
        // One entry at a time: the relay's drainer sends them in order, one after another.
        this.spoolWorker = spool == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spool-intake");
            t.setDaemon(true);
            return t;
        });
        AsyncStore async = new AsyncStore(store, executor);
        SmtpServerConfig smtp = SmtpServerConfig.builder(config.hostname())
                .maxMessageSize(config.maxMessageSize())
                // Relayed mail keeps whatever long lines the sender used: stored exactly as received.
                .limits(new org.hearthmail.smtp.codec.DecoderLimits(512, 512 + 1024, 12288, 0, config.maxMessageSize()))
                // A relay pipelines many recipients; RFC 5321 §4.5.3.1.8 asks for at least 100.
                .maxRecipients(1000)
                .xclientTrusted(config.relayAddresses()::contains)
                .build();
        this.server = new SmtpServer(smtp, info -> new IntakeSession(async, config, spool, spoolWorker));
    }

    public InetSocketAddress start() throws InterruptedException {
        return server.start(config.listen());
    }

    @Override
    public void close() {
        server.close();
        if (spoolWorker != null) {
            spoolWorker.shutdownNow();
        }
    }
}
