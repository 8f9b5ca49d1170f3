package org.hearthmail.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;

/** Name helpers shared by the resolvers. */
public final class DnsNames {
    private DnsNames() { }

    /** Lower case, without a trailing dot. */
    public static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The reverse-lookup name of an address (RFC 1035 §3.5, RFC 3596 §2.5), without trailing dot. */
    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = b.length - 1; i >= 0; i--) {
                sb.append(b[i] & 0xFF).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = b.length - 1; i >= 0; i--) {
            sb.append(Character.forDigit(b[i] & 0x0F, 16)).append('.');
            sb.append(Character.forDigit((b[i] >> 4) & 0x0F, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }
}
