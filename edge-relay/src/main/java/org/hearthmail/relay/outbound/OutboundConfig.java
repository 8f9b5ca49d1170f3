package org.hearthmail.relay.outbound;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * The listener that takes signed mail from the mailstore.
 *
 * @param bind            where to listen: the relay's tunnel address (e.g. 10.77.0.1:2525)
 * @param hostname        our name in the greeting and the Received field
 * @param tls             the relay's TLS context; STARTTLS is required before AUTH and MAIL
 * @param relayName       the AUTH PLAIN user name the mailstore must present
 * @param secret          the per-relay secret (AUTH PLAIN password), UTF-8
 * @param maxMessageSize  SIZE limit in octets (RFC 1870)
 * @param maxRecipients   RCPTs per transaction
 * @param cachePushes     where pushes of the recipient cache go and from whom (docs/adr/0007), or null: refused
 */
public record OutboundConfig(InetSocketAddress bind, String hostname, SslContext tls, String relayName, byte[] secret,
                             long maxMessageSize, int maxRecipients, CachePushes cachePushes) {

    /** Without a recipient cache: pushes are refused. */
    public OutboundConfig(InetSocketAddress bind, String hostname, SslContext tls, String relayName, byte[] secret,
                          long maxMessageSize, int maxRecipients) {
        this(bind, hostname, tls, relayName, secret, maxMessageSize, maxRecipients, null);
    }

    /** The same listener, taking recipient cache pushes as {@code pushes} says (null: refused). */
    public OutboundConfig withCachePushes(CachePushes pushes) {
        return new OutboundConfig(bind, hostname, tls, relayName, secret, maxMessageSize, maxRecipients, pushes);
    }

    public OutboundConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(tls, "tls (the outbound listener requires STARTTLS)");
        Objects.requireNonNull(relayName, "relayName");
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) {
            throw new IllegalArgumentException("the relay secret must be at least 16 bytes");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "OutboundConfig[bind=" + bind + ", hostname=" + hostname + ", relayName=" + relayName
                + ", secret=<redacted>, maxMessageSize=" + maxMessageSize + ", maxRecipients=" + maxRecipients + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboundConfig c && bind.equals(c.bind) && hostname.equals(c.hostname) && tls == c.tls
                && relayName.equals(c.relayName) && Arrays.equals(secret, c.secret)
                && maxMessageSize == c.maxMessageSize && maxRecipients == c.maxRecipients
                && Objects.equals(cachePushes, c.cachePushes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bind, hostname, relayName, maxMessageSize, maxRecipients);
    }
}
