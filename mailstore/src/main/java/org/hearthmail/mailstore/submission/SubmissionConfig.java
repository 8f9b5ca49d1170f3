package org.hearthmail.mailstore.submission;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.hearthmail.proxy.CidrSet;

/**
 * How the submission listeners run.
 *
 * @param hostname        our name in the greeting and EHLO reply
 * @param listenStartTls  the RFC 6409 listener (STARTTLS required before AUTH)
 * @param listenTls       the RFC 8314 listener (TLS from the first byte)
 * @param tls             the server certificate for both
 * @param proxyFrom       peers that must send a PROXY v2 header (the relay); empty for none
 * @param stripHeaders    header fields removed from every message
 * @param maxMessageSize  octets, advertised with SIZE (RFC 1870)
 * @param spoolDir        where messages wait while they are signed (the data directory's tmp/)
 */
public record SubmissionConfig(String hostname, InetSocketAddress listenStartTls, InetSocketAddress listenTls,
                               SslContext tls, CidrSet proxyFrom, List<String> stripHeaders, long maxMessageSize,
                               Path spoolDir) {
    public SubmissionConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(listenStartTls, "listenStartTls");
        Objects.requireNonNull(listenTls, "listenTls");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(proxyFrom, "proxyFrom");
        Objects.requireNonNull(spoolDir, "spoolDir");
        stripHeaders = List.copyOf(stripHeaders);
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
    }
}
