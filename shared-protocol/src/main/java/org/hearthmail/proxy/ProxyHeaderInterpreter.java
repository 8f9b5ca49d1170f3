package org.hearthmail.proxy;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Turns a decoded PROXY header into the client address, applying the spec's fallbacks. No I/O. */
final class ProxyHeaderInterpreter {

    private ProxyHeaderInterpreter() {
    }

    static ProxiedAddress interpret(HAProxyMessage header, InetSocketAddress connectionSource,
                                    InetSocketAddress connectionDestination) throws ProxyHeaderException {
        ProxiedAddress connection = new ProxiedAddress(connectionSource, connectionDestination,
                ProxiedAddress.Transport.TCP, ProxiedAddress.Origin.PROXY_CONNECTION);
        // proxy-protocol.txt §2.2: LOCAL means the proxy itself connected (health check); the
        // receiver must use the real connection endpoints and discard the address block.
        if (header.command() == HAProxyCommand.LOCAL) {
            return connection;
        }
        HAProxyProxiedProtocol protocol = header.proxiedProtocol();
        switch (protocol) {
            case TCP4, TCP6:
                return fromHeader(header, ProxiedAddress.Transport.TCP);
            case UDP4, UDP6:
                return fromHeader(header, ProxiedAddress.Transport.UDP);
            default:
                // §2.1 "PROXY UNKNOWN" and §2.2 AF_UNSPEC: accept the connection and use the real
                // endpoints. AF_UNIX carries no IP, so the same applies.
                return connection;
        }
    }

    private static ProxiedAddress fromHeader(HAProxyMessage header, ProxiedAddress.Transport transport)
            throws ProxyHeaderException {
        InetSocketAddress source = socketAddress(header.sourceAddress(), header.sourcePort(), "source");
        InetSocketAddress destination = socketAddress(header.destinationAddress(), header.destinationPort(),
                "destination");
        return new ProxiedAddress(source, destination, transport, ProxiedAddress.Origin.PROXY_HEADER);
    }

    private static InetSocketAddress socketAddress(String text, int port, String what) throws ProxyHeaderException {
        InetAddress address = text == null ? null : NetUtil.createInetAddressFromIpAddressString(text);
        if (address == null) {
            throw new ProxyHeaderException("PROXY header " + what + " address is not an IP literal");
        }
        if (port < 0 || port > 65535) {
            throw new ProxyHeaderException("PROXY header " + what + " port out of range: " + port);
        }
        return new InetSocketAddress(address, port);
    }
}
