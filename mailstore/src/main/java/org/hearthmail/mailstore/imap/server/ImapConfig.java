package org.hearthmail.mailstore.imap.server;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.hearthmail.mailstore.imap.proto.ParserLimits;
import org.hearthmail.proxy.ProxyProtocolConfig;

/**
 * One IMAP listener. Immutable; build with {@link #builder(InetSocketAddress)}.
 *
 * @param bind                where to listen (port 0 picks a free port)
 * @param hostname            the name in the greeting
 * @param limits              parser limits; {@code maxAppendBytes} is advertised as APPENDLIMIT
 * @param tls                 the TLS context, or null (no STARTTLS, no implicit TLS)
 * @param implicitTls         TLS from the first byte (RFC 8314 §3.3, port 993)
 * @param allowPlaintextAuth  allow LOGIN/AUTHENTICATE without TLS; RFC 3501 §6.2.3 LOGINDISABLED
 *                            is advertised otherwise. Only for a loopback demo.
 * @param proxyProtocol       PROXY header handling, or null when this listener takes none
 * @param preAuthTimeout      idle time allowed before login
 * @param idleTimeout         RFC 3501 §5.4: autologout after at least 30 minutes of inactivity
 * @param maxSessions         concurrent connections; more get {@code * BYE}
 * @param maxBadCommands      BAD replies before the connection is closed
 */
public record ImapConfig(InetSocketAddress bind, String hostname, ParserLimits limits, SslContext tls,
                         boolean implicitTls, boolean allowPlaintextAuth, ProxyProtocolConfig proxyProtocol,
                         Duration preAuthTimeout, Duration idleTimeout, int maxSessions, int maxBadCommands) {

    public ImapConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(preAuthTimeout, "preAuthTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (implicitTls && tls == null) {
            throw new IllegalArgumentException("implicitTls needs a TLS context");
        }
        if (maxSessions < 1 || maxBadCommands < 1) {
            throw new IllegalArgumentException("maxSessions and maxBadCommands must be positive");
        }
        if (preAuthTimeout.isNegative() || preAuthTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static Builder builder(InetSocketAddress bind) {
        return new Builder(bind);
    }

    public Builder toBuilder() {
        return new Builder(bind).hostname(hostname).limits(limits).tls(tls).implicitTls(implicitTls)
                .allowPlaintextAuth(allowPlaintextAuth).proxyProtocol(proxyProtocol).preAuthTimeout(preAuthTimeout)
                .idleTimeout(idleTimeout).maxSessions(maxSessions).maxBadCommands(maxBadCommands);
    }

    /** Defaults: RFC 3501 §5.4 30-minute autologout, 60 s to log in, 500 connections, no plaintext login. */
    public static final class Builder {
        private final InetSocketAddress bind;
        private String hostname = "localhost";
        private ParserLimits limits = ParserLimits.DEFAULTS;
        private SslContext tls;
        private boolean implicitTls;
        private boolean allowPlaintextAuth;
        private ProxyProtocolConfig proxyProtocol;
        private Duration preAuthTimeout = Duration.ofSeconds(60);
        private Duration idleTimeout = Duration.ofMinutes(30);
        private int maxSessions = 500;
        private int maxBadCommands = 20;

        private Builder(InetSocketAddress bind) {
            this.bind = bind;
        }

        public Builder hostname(String v) { hostname = v; return this; }
        public Builder limits(ParserLimits v) { limits = v; return this; }
        public Builder tls(SslContext v) { tls = v; return this; }
        public Builder implicitTls(boolean v) { implicitTls = v; return this; }
        public Builder allowPlaintextAuth(boolean v) { allowPlaintextAuth = v; return this; }
        public Builder proxyProtocol(ProxyProtocolConfig v) { proxyProtocol = v; return this; }
        public Builder preAuthTimeout(Duration v) { preAuthTimeout = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder maxSessions(int v) { maxSessions = v; return this; }
        public Builder maxBadCommands(int v) { maxBadCommands = v; return this; }

        public ImapConfig build() {
            return new ImapConfig(bind, hostname, limits, tls, implicitTls, allowPlaintextAuth, proxyProtocol,
                    preAuthTimeout, idleTimeout, maxSessions, maxBadCommands);
        }
    }
}
