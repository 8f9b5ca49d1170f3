package org.hearthmail.relay.passthrough;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.hearthmail.dns.InetAddressLiteral;

/** Builds the PROXY v2 header that tells the mailstore who the client really is. */
final class ProxyHeaders {

    private ProxyHeaders() { }

    /**
     * PROXY protocol v2 (haproxy proxy-protocol.txt §2.2): command PROXY, TCP over IPv4 or IPv6,
     * source = the client's address and port, destination = the relay address and port it reached.
     * Both addresses must be of one family (§2.2, "address family"), so an IPv4 address next to an
     * IPv6 one is written in its IPv4-mapped form.
     */
    static HAProxyMessage v2(InetSocketAddress client, InetSocketAddress relay) {
        InetAddress src = InetAddressLiteral.unmap(client.getAddress());
        InetAddress dst = InetAddressLiteral.unmap(relay.getAddress());
        boolean v4 = src instanceof Inet4Address && dst instanceof Inet4Address;
        return new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                v4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6,
                text(src, v4), text(dst, v4), client.getPort(), relay.getPort());
    }

    private static String text(InetAddress a, boolean v4) {
        if (v4 || !(a instanceof Inet4Address)) {
            return a.getHostAddress();
        }
        return "::ffff:" + a.getHostAddress();
    }
}
