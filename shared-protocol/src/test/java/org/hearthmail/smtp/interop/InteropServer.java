package org.hearthmail.smtp.interop;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Authenticator;
import org.hearthmail.smtp.server.RecordingHandler;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;

/**
 * A real {@link SmtpServer} on 127.0.0.1 (a free port) whose handler keeps every accepted message
 * with its envelope and session, and refuses recipients whose local part starts with "unknown"
 * (550 5.1.1). One user: alice / s3cret.
 */
final class InteropServer implements AutoCloseable {

    static final String HOSTNAME = "mx.example.test";
    static final String USER = "alice";
    static final String PASSWORD = "s3cret";

    private static SslContext tls;

    final RecordingHandler handler = new RecordingHandler();
    private final SmtpServer server;
    final InetSocketAddress address;

    private InteropServer(SmtpServerConfig config) throws InterruptedException {
        server = new SmtpServer(config, handler.factory());
        address = server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    static InteropServer start(SmtpServerConfig config) throws InterruptedException {
        return new InteropServer(config);
    }

    /** STARTTLS with a self-signed certificate and AUTH PLAIN/LOGIN for alice (offered inside TLS only). */
    static SmtpServerConfig.Builder withTlsAndAuth() {
        return SmtpServerConfig.builder(HOSTNAME)
                .commandTimeout(Duration.ofSeconds(20))
                .dataTimeout(Duration.ofSeconds(20))
                .tls(tls())
                .authenticator((session, c) -> CompletableFuture.supplyAsync(() ->
                        c.username().equals(USER) && new String(c.password()).equals(PASSWORD)
                                ? new Authenticator.Result.Success(USER)
                                : new Authenticator.Result.Failure(Reply.AUTH_INVALID)));
    }

    static synchronized SslContext tls() {
        if (tls == null) {
            try {
                tls = TlsContexts.server(SelfSignedCertificates.create(HOSTNAME, Duration.ofDays(1)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the test certificate", e);
            }
        }
        return tls;
    }

    String host() {
        return address.getAddress().getHostAddress();
    }

    String port() {
        return Integer.toString(address.getPort());
    }

    @Override
    public void close() {
        server.close();
    }
}
