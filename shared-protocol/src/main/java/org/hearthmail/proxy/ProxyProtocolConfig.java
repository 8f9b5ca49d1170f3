package org.hearthmail.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * PROXY protocol settings for one listener.
 *
 * @param trustedSources peers whose PROXY header is required and honoured
 * @param headerTimeout  how long a trusted peer has to deliver the complete header
 * @param untrustedPolicy what to do when an untrusted peer sends a PROXY signature
 * @param maxTlvBytes    upper bound on the v2 TLV area, passed to Netty's decoder (below 1, a v2 header
 *                       may be at most 232 bytes in all)
 */
public record ProxyProtocolConfig(CidrSet trustedSources, Duration headerTimeout,
                                  UntrustedHeaderPolicy untrustedPolicy, int maxTlvBytes) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);
    /** Enough for the TLVs haproxy and our relay send (ALPN, authority, SSL, unique id, CRC32C). */
    public static final int DEFAULT_MAX_TLV_BYTES = 2048;

    public ProxyProtocolConfig {
        Objects.requireNonNull(trustedSources, "trustedSources");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(untrustedPolicy, "untrustedPolicy");
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("headerTimeout must be positive, was " + headerTimeout);
        }
        if (maxTlvBytes < 0) {
            throw new IllegalArgumentException("maxTlvBytes must be >= 0, was " + maxTlvBytes);
        }
    }

    public static ProxyProtocolConfig trusting(CidrSet trustedSources) {
        return new ProxyProtocolConfig(trustedSources, DEFAULT_HEADER_TIMEOUT, UntrustedHeaderPolicy.CLOSE,
                DEFAULT_MAX_TLV_BYTES);
    }

    public ProxyProtocolConfig withHeaderTimeout(Duration timeout) {
        return new ProxyProtocolConfig(trustedSources, timeout, untrustedPolicy, maxTlvBytes);
    }

    public ProxyProtocolConfig withUntrustedPolicy(UntrustedHeaderPolicy policy) {
        return new ProxyProtocolConfig(trustedSources, headerTimeout, policy, maxTlvBytes);
    }
}
