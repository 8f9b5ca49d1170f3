package org.hearthmail.mailstore.intake;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import org.hearthmail.mailstore.store.AsyncStore;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;

/** The intake SMTP listener: the relay's way in, over the tunnel. */
public final class IntakeServer implements AutoCloseable {

    private final SmtpServer server;
    private final IntakeConfig config;

    /** @param executor runs store work (disk, fsync), never the event loop */
    public IntakeServer(IntakeConfig config, MessageStore store, Executor executor) {
        this.config = config;
        AsyncStore async = new AsyncStore(store, executor);
        SmtpServerConfig smtp = SmtpServerConfig.builder(config.hostname())
                .maxMessageSize(config.maxMessageSize())
                // Relayed mail keeps whatever long lines the sender used: stored exactly as received.
                .limits(new org.hearthmail.smtp.codec.DecoderLimits(512, 512 + 1024, 12288, 0, config.maxMessageSize()))
                // A relay pipelines many recipients; RFC 5321 §4.5.3.1.8 asks for at least 100.
                .maxRecipients(1000)
                .xclientTrusted(config.relayAddresses()::contains)
                .build();
        this.server = new SmtpServer(smtp, info -> new IntakeSession(async, config));
    }

    public InetSocketAddress start() throws InterruptedException {
        return server.start(config.listen());
    }

    @Override
    public void close() {
        server.close();
    }
}
