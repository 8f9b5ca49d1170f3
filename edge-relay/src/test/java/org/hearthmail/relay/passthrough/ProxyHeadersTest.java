package org.hearthmail.relay.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetSocketAddress;
import org.hearthmail.dns.InetAddressLiteral;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {

    private static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(InetAddressLiteral.parse(ip), port);
    }

    @Test
    void ipv4ClientOnIpv4ListenerIsTcp4WithBothPorts() {
        HAProxyMessage m = ProxyHeaders.v2(at("192.0.2.10", 51234), at("203.0.113.1", 993));
        try {
            assertThat(m.protocolVersion()).isEqualTo(HAProxyProtocolVersion.V2);
            assertThat(m.command()).isEqualTo(HAProxyCommand.PROXY);
            assertThat(m.proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP4);
            assertThat(m.sourceAddress()).isEqualTo("192.0.2.10");
            assertThat(m.sourcePort()).isEqualTo(51234);
            assertThat(m.destinationAddress()).isEqualTo("203.0.113.1");
            assertThat(m.destinationPort()).isEqualTo(993);
        } finally {
            m.release();
        }
    }

    @Test
    void ipv4MappedClientIsWrittenAsIpv4() {
        HAProxyMessage m = ProxyHeaders.v2(at("::ffff:192.0.2.10", 1), at("::ffff:203.0.113.1", 465));
        try {
            assertThat(m.proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP4);
            assertThat(m.sourceAddress()).isEqualTo("192.0.2.10");
        } finally {
            m.release();
        }
    }

    @Test
    void mixedFamiliesAreWrittenAsTcp6WithTheIpv4AddressMapped() {
        HAProxyMessage m = ProxyHeaders.v2(at("192.0.2.10", 1), at("2001:db8::1", 587));
        try {
            assertThat(m.proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP6);
            assertThat(m.sourceAddress()).isEqualTo("::ffff:192.0.2.10");
            assertThat(InetAddressLiteral.parse(m.destinationAddress())).isEqualTo(InetAddressLiteral.parse("2001:db8::1"));
        } finally {
            m.release();
        }
    }
}
