package org.hearthmail.mailstore.cli;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** IP address options: literals only, never resolved (a DNS check must not depend on DNS to start). */
final class IpLiteral {
    /** RFC 1035 §4.2: DNS servers listen on port 53. */
    static final int DNS_PORT = 53;

    private IpLiteral() {
    }

    static InetAddress parse(String text) {
        byte[] raw = NetUtil.createByteArrayFromIpAddressString(text);
        if (raw == null) {
            throw new TypeConversionException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new TypeConversionException("'" + text + "' is not an IP address");
        }
    }

    /** {@code --home-address IP}. */
    static final class AddressConverter implements ITypeConverter<InetAddress> {
        @Override
        public InetAddress convert(String value) {
            return parse(value);
        }
    }

    /** {@code --resolver IP[:PORT]}: {@code 192.0.2.1}, {@code 192.0.2.1:5353}, {@code ::1}, {@code [::1]:5353}. */
    static final class ResolverConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            if (NetUtil.isValidIpV4Address(value) || NetUtil.isValidIpV6Address(value)) {
                return new InetSocketAddress(parse(value), DNS_PORT);
            }
            Endpoint e;
            try {
                e = Endpoint.parse(value);
            } catch (IllegalArgumentException ex) {
                throw new TypeConversionException("'" + value + "' is not IP, IP:PORT or [IPv6]:PORT");
            }
            return new InetSocketAddress(parse(e.host()), e.port());
        }
    }
}
