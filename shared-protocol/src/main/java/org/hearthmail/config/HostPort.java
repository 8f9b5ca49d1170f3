package org.hearthmail.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listening address: an IP literal and a port, written {@code 127.0.0.1:10025} or
 * {@code [::1]:10025}. Names are refused on purpose: a listener must not depend on DNS at start-up.
 */
public record HostPort(InetAddress address, int port) {

    private static final Pattern FORM = Pattern.compile("(?:\\[([^\\]]*)]|([^:\\[\\]]*)):(\\d{1,9})");

    public HostPort {
        if (address == null) {
            throw new IllegalArgumentException("address is missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
    }

    /** @throws IllegalArgumentException if {@code text} is not IPv4:port or [IPv6]:port with port 1-65535 */
    public static HostPort parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port (IPv4 or [IPv6] literal, port 1-65535)");
        }
        int port = Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port (port 1-65535)");
        }
        boolean bracketed = m.group(1) != null;
        String host = bracketed ? m.group(1) : m.group(2);
        boolean literal = bracketed ? NetUtil.isValidIpV6Address(host) : NetUtil.isValidIpV4Address(host);
        if (!literal) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port (host must be an IPv4 or [IPv6] "
                    + "literal, not a name)");
        }
        try {
            return new HostPort(InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(host)), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port: " + e.getMessage());
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String host = NetUtil.toAddressString(address);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
