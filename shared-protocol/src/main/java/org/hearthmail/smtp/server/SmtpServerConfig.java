package org.hearthmail.smtp.server;

import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.hearthmail.smtp.codec.DecoderLimits;

/**
 * Everything one SMTP listener needs to know. Immutable; build with {@link #builder(String)}.
 *
 * @param hostname          the name in the greeting and EHLO reply
 * @param limits            framing limits (line lengths, message size)
 * @param maxRecipients     RCPTs per transaction; RFC 5321 §4.5.3.1.8: at least 100
 * @param maxErrors         protocol errors before the session is closed with 421
 * @param commandTimeout    waiting for a command; RFC 5321 §4.5.3.2.7: at least 5 minutes
 * @param dataTimeout       waiting for more content during DATA/BDAT
 * @param maxSessions       concurrent sessions on this listener; more get 421
 * @param tls               the server's TLS context, or null (no STARTTLS, no implicit TLS)
 * @param implicitTls       TLS from the first byte (RFC 8314 §3.3), e.g. port 465
 * @param requireTls        MAIL and AUTH only after TLS (RFC 3207 §4: 530 5.7.0)
 * @param authenticator     enables AUTH PLAIN and LOGIN (RFC 4954), or null
 * @param requireAuth       MAIL only after AUTH (submission, RFC 6409 §4.1)
 * @param xclientTrusted    peers allowed to use XCLIENT, or null for nobody
 * @param proxyProtocol     PROXY header handling (trusted sources, timeout); null when this listener takes none
 */
public record SmtpServerConfig(
        String hostname,
        DecoderLimits limits,
        int maxRecipients,
        int maxErrors,
        Duration commandTimeout,
        Duration dataTimeout,
        int maxSessions,
        SslContext tls,
        boolean implicitTls,
        boolean requireTls,
        Authenticator authenticator,
        boolean requireAuth,
        Predicate<InetAddress> xclientTrusted,
        org.hearthmail.proxy.ProxyProtocolConfig proxyProtocol) {

    public SmtpServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(limits, "limits");
        if (maxRecipients < 1 || maxErrors < 1 || maxSessions < 1) {
            throw new IllegalArgumentException("maxRecipients, maxErrors and maxSessions must be positive");
        }
        if (implicitTls && tls == null) {
            throw new IllegalArgumentException("implicit TLS needs a TLS context");
        }
        if (requireTls && tls == null) {
            throw new IllegalArgumentException("requireTls needs a TLS context");
        }
    }

    public boolean xclientAllowed(InetAddress peer) {
        return xclientTrusted != null && xclientTrusted.test(peer);
    }

    public static Builder builder(String hostname) {
        return new Builder(hostname);
    }

    public Builder toBuilder() {
        Builder b = new Builder(hostname);
        b.limits = limits;
        b.maxRecipients = maxRecipients;
        b.maxErrors = maxErrors;
        b.commandTimeout = commandTimeout;
        b.dataTimeout = dataTimeout;
        b.maxSessions = maxSessions;
        b.tls = tls;
        b.implicitTls = implicitTls;
        b.requireTls = requireTls;
        b.authenticator = authenticator;
        b.requireAuth = requireAuth;
        b.xclientTrusted = xclientTrusted;
        b.proxyProtocol = proxyProtocol;
        return b;
    }

    /** Defaults are those of a public MX: RFC limits, 25 MiB messages, no AUTH, no XCLIENT. */
    public static final class Builder {
        private final String hostname;
        private DecoderLimits limits = DecoderLimits.RFC_DEFAULTS;
        private int maxRecipients = 100;
        private int maxErrors = 10;
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration dataTimeout = Duration.ofMinutes(5);
        private int maxSessions = 200;
        private SslContext tls;
        private boolean implicitTls;
        private boolean requireTls;
        private Authenticator authenticator;
        private boolean requireAuth;
        private Predicate<InetAddress> xclientTrusted;
        private org.hearthmail.proxy.ProxyProtocolConfig proxyProtocol;

        private Builder(String hostname) {
            this.hostname = hostname;
        }

        public Builder limits(DecoderLimits v) { this.limits = v; return this; }
        public Builder maxMessageSize(long bytes) {
            this.limits = new DecoderLimits(limits.commandLine(), limits.mailRcptLine(), limits.authLine(), limits.dataLine(), bytes);
            return this;
        }
        public Builder maxRecipients(int v) { this.maxRecipients = v; return this; }
        public Builder maxErrors(int v) { this.maxErrors = v; return this; }
        public Builder commandTimeout(Duration v) { this.commandTimeout = v; return this; }
        public Builder dataTimeout(Duration v) { this.dataTimeout = v; return this; }
        public Builder maxSessions(int v) { this.maxSessions = v; return this; }
        public Builder tls(SslContext v) { this.tls = v; return this; }
        public Builder implicitTls(boolean v) { this.implicitTls = v; return this; }
        public Builder requireTls(boolean v) { this.requireTls = v; return this; }
        public Builder authenticator(Authenticator v) { this.authenticator = v; return this; }
        public Builder requireAuth(boolean v) { this.requireAuth = v; return this; }
        public Builder xclientTrusted(Predicate<InetAddress> v) { this.xclientTrusted = v; return this; }
        public Builder proxyProtocol(org.hearthmail.proxy.ProxyProtocolConfig v) { this.proxyProtocol = v; return this; }

        public SmtpServerConfig build() {
            return new SmtpServerConfig(hostname, limits, maxRecipients, maxErrors, commandTimeout, dataTimeout,
                    maxSessions, tls, implicitTls, requireTls, authenticator, requireAuth, xclientTrusted, proxyProtocol);
        }
    }
}
