package org.hearthmail.smtp.server;

import java.net.InetSocketAddress;

/**
 * What the policy knows about a session at the moment it is asked. Immutable snapshot.
 *
 * @param id          a short random session id for logs
 * @param client      the client's address: the TCP peer, or what PROXY or XCLIENT said it is
 * @param clientName  the client's verified host name, if known (XCLIENT NAME), else null
 * @param server      the address the client connected to (or XCLIENT DESTADDR/DESTPORT)
 * @param helo        the EHLO/HELO argument, null before it
 * @param protocol    "ESMTP", "SMTP", or with S/A suffixes per RFC 3848 ("ESMTPS", "ESMTPSA")
 * @param tls         the TLS parameters when TLS is active, else null
 * @param authIdentity the authenticated identity (AUTH or XCLIENT LOGIN), else null
 * @param forwarded   true when {@code client} came from a trusted XCLIENT or PROXY header
 */
public record SessionInfo(
        String id,
        InetSocketAddress client,
        String clientName,
        InetSocketAddress server,
        String helo,
        String protocol,
        TlsInfo tls,
        String authIdentity,
        boolean forwarded) {

    /** The negotiated TLS protocol and cipher suite. */
    public record TlsInfo(String protocol, String cipherSuite) {
    }
}
