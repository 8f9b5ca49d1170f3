package org.hearthmail.relay.forward;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hearthmail.relay.gate.ConnectionGate;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;

/** The relay's public MX listener (port 25) passing mail through to the mailstore. */
public final class InboundServer implements AutoCloseable {

    private final SmtpServer server;
    private final EventLoopGroup loops;
    private final MailstoreLink link;
    private final InetSocketAddress listen;

    public InboundServer(InboundConfig config, InetSocketAddress listen, SslContext tls, InboundChecks checks) {
        this(config, listen, tls, checks, null);
    }

    /**
     * @param checks sender authentication (SPF, DKIM, DMARC) and where content is buffered meanwhile
     * @param gate   screens each connection before the greeting (limits, bans, DNS lists, FCrDNS,
     *               early talkers) and supplies the verified client name; null for none
     */
    public InboundServer(InboundConfig config, InetSocketAddress listen, SslContext tls, InboundChecks checks,
                         ConnectionGate gate) {
        this(config, listen, tls, checks, gate, null);
    }

    /**
     * @param fallback where transactions go while the mailstore cannot be reached (spool and
     *                 recipient cache); null: such senders get 451 4.4.1 and retry
     */
    public InboundServer(InboundConfig config, InetSocketAddress listen, SslContext tls, InboundChecks checks,
                         ConnectionGate gate, SpoolFallback fallback) {
        this.listen = listen;
        // One group for the senders' connections and the sessions to the mailstore (MailstoreLink);
        // Netty's default size, twice the cores.
        this.loops = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("inbound"), NioIoHandler.newFactory());
        this.link = new MailstoreLink(config.mailstore(), 64, Duration.ofSeconds(10), loops, config.linkTimeouts());
        SmtpServerConfig smtp = SmtpServerConfig.builder(config.hostname())
                .maxMessageSize(config.maxMessageSize())
                .tls(tls)
                .build();
        // One summary line per message (org.hearthmail.log).
        this.server = new SmtpServer(smtp, org.hearthmail.log.SummarizingSessions.wrap("in", false,
                info -> new ForwardingSession(config, link, checks, fallback)), loops);
        if (gate != null) {
            server.frontHandler(gate::newSmtpHandler);
        }
    }

    public InetSocketAddress start() throws InterruptedException {
        return server.start(listen);
    }

    @Override
    public void close() {
        server.close();
        link.close();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
