package org.hearthmail.relay.forward;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.hearthmail.relay.gate.ConnectionGate;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;

/** The relay's public MX listener (port 25) passing mail through to the mailstore. */
public final class InboundServer implements AutoCloseable {

    private final SmtpServer server;
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
        this.link = new MailstoreLink(config.mailstore(), 64, Duration.ofSeconds(10));
        SmtpServerConfig smtp = SmtpServerConfig.builder(config.hostname())
                .maxMessageSize(config.maxMessageSize())
                .tls(tls)
                .build();
        // One summary line per message (org.hearthmail.log).
        this.server = new SmtpServer(smtp, org.hearthmail.log.SummarizingSessions.wrap("in", false,
                info -> new ForwardingSession(config, link, checks, fallback)));
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
    }
}
