package org.hearthmail.proxy;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One CIDR block, IPv4 or IPv6 (RFC 4632 §3.1 prefix notation; RFC 4291 §2.3 for IPv6).
 * The network address has no host bits set. Parsing never resolves names.
 */
public record IpRange(InetAddress network, int prefixLength) {

    public IpRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new InvalidCidrException("prefix length " + prefixLength + " out of range 0.." + bits
                    + " for " + NetUtil.toAddressString(network));
        }
        if (!hostBitsZero(network.getAddress(), prefixLength)) {
            throw new InvalidCidrException("host bits set in " + NetUtil.toAddressString(network) + "/" + prefixLength);
        }
    }

    /** Parses {@code 10.77.0.0/24}, {@code 2001:db8::/32}, or a bare address (a single host). */
    public static IpRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addressText);
        if (bytes == null || addressText.isEmpty()) {
            throw new InvalidCidrException("not an IP address: '" + text + "'");
        }
        InetAddress address = toInetAddress(bytes, text);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("[0-9]{1,3}")) {
                throw new InvalidCidrException("bad prefix length in '" + text + "'");
            }
            prefix = Integer.parseInt(prefixText);
        }
        return new IpRange(address, prefix);
    }

    /** True when {@code address} is of the same family and inside this block. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] candidate = address.getAddress();
        byte[] net = network.getAddress();
        if (candidate.length != net.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != net[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (net[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return NetUtil.toAddressString(network) + "/" + prefixLength;
    }

    private static boolean hostBitsZero(byte[] address, int prefixLength) {
        for (int bit = prefixLength; bit < address.length * 8; bit++) {
            if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress toInetAddress(byte[] bytes, String text) {
        try {
            // getByAddress with a literal byte array never consults DNS.
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new InvalidCidrException("not an IP address: '" + text + "'");
        }
    }
}
