package org.hearthmail.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever touching DNS ({@link InetAddress#getByName} resolves
 * names, which must not happen by accident on an event loop).
 */
public final class InetAddressLiteral {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private InetAddressLiteral() { }

    /** Parses an IPv4 dotted quad or an IPv6 address; throws {@link IllegalArgumentException} otherwise. */
    public static InetAddress parse(String literal) {
        return tryParse(literal).orElseThrow(() -> new IllegalArgumentException("not an IP address literal: " + literal));
    }

    public static Optional<InetAddress> tryParse(String literal) {
        if (literal == null || literal.isEmpty()) {
            return Optional.empty();
        }
        if (IPV4.matcher(literal).matches()) {
            return byName(literal).filter(a -> a instanceof Inet4Address);
        }
        if (literal.indexOf(':') >= 0 && IPV6_CHARS.matcher(literal).matches()) {
            return byName(literal);
        }
        return Optional.empty();
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address; others unchanged. */
    public static InetAddress unmap(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return address;
                }
            }
            if ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always an IPv4 address", e);
                }
            }
        }
        return address;
    }

    private static Optional<InetAddress> byName(String literal) {
        try {
            // Only reached for strings that are syntactically literals, so no lookup happens.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
