package org.hearthmail.mailstore.intake;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.store.AsyncStore;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;

/** The intake SMTP listener: the relay's way in, over the tunnel. */
public final class IntakeServer implements AutoCloseable {

    private final SmtpServer server;
    private final IntakeConfig config;
    private final ExecutorService spoolWorker;
    private final EventLoopGroup loop;

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
        // A spool entry is the relay's largest message, sealed and base64-encoded (ADR 0003): allow
        // for that on the wire; ordinary messages are still held to maxMessageSize by IntakeMessage.
        long wireLimit = spool == null ? config.maxMessageSize() : spoolWireLimit(config.maxMessageSize());
        SmtpServerConfig smtp = SmtpServerConfig.builder(config.hostname())
                .maxMessageSize(wireLimit)
                // Relayed mail keeps whatever long lines the sender used: stored exactly as received.
                .limits(new org.hearthmail.smtp.codec.DecoderLimits(512, 512 + 1024, 12288, 0, wireLimit))
                // A relay pipelines many recipients; RFC 5321 §4.5.3.1.8 asks for at least 100.
                .maxRecipients(1000)
                .xclientTrusted(config.relayAddresses()::contains)
                .build();
        // One event loop: the listener accepts on it and every session stays on it, so a new
        // connection is served without a hand-off to another loop thread. Its work per message is
        // small (disk and database run on the executor), so one thread does not limit the intake.
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("intake-loop"), NioIoHandler.newFactory());
        // One summary line per message (org.hearthmail.log), with the relay's authentication results.
        this.server = new SmtpServer(smtp, org.hearthmail.log.SummarizingSessions.wrap("intake", true,
                info -> new IntakeSession(async, config, spool, spoolWorker)), loop);
    }

    /** Base64 adds a third plus line breaks (RFC 2045 §6.8: 78 octets per 57); the seal adds 16 octets per 64 KiB and its header. */
    static long spoolWireLimit(long maxMessageSize) {
        long sealed = maxMessageSize + maxMessageSize / 4096 + org.hearthmail.spool.SpoolEntryCodec.MAX_META_BYTES + 4096;
        return Math.min(Long.MAX_VALUE / 2, sealed / 57 * 78 + 78);
    }

    public InetSocketAddress start() throws InterruptedException {
        return server.start(config.listen());
    }

    @Override
    public void close() {
        server.close();
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (spoolWorker != null) {
            spoolWorker.shutdownNow();
        }
    }
}
