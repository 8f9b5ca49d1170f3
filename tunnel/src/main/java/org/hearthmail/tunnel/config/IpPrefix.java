package org.hearthmail.tunnel.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address with a prefix length, as in {@code Address = 10.77.0.1/24} (host bits kept) or
 * {@code AllowedIPs = 10.77.0.0/24}. A bare address means a single host (/32 or /128).
 */
public record IpPrefix(InetAddress address, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public IpPrefix {
        if (address == null) {
            throw new IllegalArgumentException("address is missing");
        }
        int max = maxLength(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length must be 0-" + max + ", got " + prefixLength);
        }
    }

    /** Parses {@code ADDRESS[/LENGTH]}; only IP literals, never a host name (no DNS lookups here). */
    public static IpPrefix parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = parseLiteral(addr);
        int length = maxLength(address);
        if (slash >= 0) {
            String len = t.substring(slash + 1);
            if (!len.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + t + "' has no valid prefix length");
            }
            length = Integer.parseInt(len);
        }
        return new IpPrefix(address, length);
    }

    /** Parses an IPv4 or IPv6 literal without any name resolution. */
    public static InetAddress parseLiteral(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !IPV6.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        if (v4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IP address");
                }
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
        }
    }

    private static int maxLength(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** Covers everything of its family (0.0.0.0/0 or ::/0): a default route. */
    public boolean isDefaultRoute() {
        return prefixLength == 0;
    }

    /** The same prefix with host bits cleared, e.g. 10.77.0.1/24 becomes 10.77.0.0/24. */
    public IpPrefix network() {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return new IpPrefix(InetAddress.getByAddress(b), prefixLength);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of impossible length", e);
        }
    }

    /** True when {@code other} lies inside this prefix. */
    public boolean contains(InetAddress other) {
        if (other.getAddress().length != address.getAddress().length) {
            return false;
        }
        return new IpPrefix(other, prefixLength).network().equals(network());
    }

    /** The address in its canonical text form; IPv6 per RFC 5952 §4 (lowercase, longest zero run as "::"). */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952 §4.2.2/§4.2.3: compress the longest run of two or more zero groups, the first if tied.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return format(address) + "/" + prefixLength;
    }
}
