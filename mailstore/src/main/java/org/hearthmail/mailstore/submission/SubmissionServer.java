package org.hearthmail.mailstore.submission;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.auth.Authenticator;
import org.hearthmail.mailstore.auth.LoginThrottle;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.proxy.ProxyProtocolConfig;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;

/**
 * The two submission listeners: RFC 6409 (STARTTLS required before AUTH) and RFC 8314 (implicit
 * TLS), both requiring AUTH before MAIL and, when configured, a PROXY v2 header from the relay.
 */
public final class SubmissionServer implements AutoCloseable {

    private final SubmissionConfig config;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
    private final SmtpServer startTls;
    private final SmtpServer implicitTls;

    /**
     * @param accounts  checks passwords and app passwords (with {@code throttle} inside it)
     * @param throttle  the failed-login state shared with IMAP, for refusing banned clients at connect
     * @param worker    runs store, disk and signing work; never an event loop
     */
    public SubmissionServer(SubmissionConfig config, MailStore store, Authenticator accounts, LoginThrottle throttle,
                            DkimKeyStore dkim, RelayHandoff relay, Executor worker) {
        this.config = config;
        SubmissionContext ctx = new SubmissionContext(config, store, throttle, dkim, relay, worker,
                new SenderCheck(store), new RecipientRouter(store, store, relay::configured),
                new HeaderRewriter(config.stripHeaders(), ZonedDateTime::now));
        SmtpServerConfig.Builder b = SmtpServerConfig.builder(config.hostname())
                .maxMessageSize(config.maxMessageSize())
                .tls(config.tls())
                // RFC 3207 §4 / RFC 8314 §3: no credentials and no mail without TLS.
                .requireTls(true)
                .authenticator(new SubmissionAuthenticator(accounts, worker))
                // RFC 6409 §4.1 / RFC 4954 §6: MAIL needs AUTH (530 5.7.0).
                .requireAuth(true);
        if (!config.proxyFrom().isEmpty()) {
            b.proxyProtocol(ProxyProtocolConfig.trusting(config.proxyFrom()));
        }
        SmtpServerConfig smtp = b.build();
        // One summary line per message (org.hearthmail.log).
        org.hearthmail.smtp.server.SessionHandlerFactory sessions =
                org.hearthmail.log.SummarizingSessions.wrap("submit", false, info -> new SubmissionSession(ctx));
        this.startTls = new SmtpServer(smtp, sessions, group);
        this.implicitTls = new SmtpServer(smtp.toBuilder().implicitTls(true).build(), sessions, group);
    }

    /** Binds both listeners; returns [STARTTLS address, implicit TLS address]. */
    public List<InetSocketAddress> start() throws InterruptedException {
        InetSocketAddress a = startTls.start(config.listenStartTls());
        InetSocketAddress b = implicitTls.start(config.listenTls());
        return List.of(a, b);
    }

    @Override
    public void close() {
        startTls.close();
        implicitTls.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
