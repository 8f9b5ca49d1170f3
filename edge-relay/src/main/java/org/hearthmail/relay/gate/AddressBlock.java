package org.hearthmail.relay.gate;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.hearthmail.dns.InetAddressLiteral;

/**
 * The network a client address belongs to for per-network limits: an IPv4 /24 or an IPv6 /64
 * (RFC 6177 §3: a /64 is the smallest prefix handed to one site, so one host may own all of it).
 */
public record AddressBlock(InetAddress network, int prefixLength) {

    public static AddressBlock of(InetAddress address) {
        InetAddress a = InetAddressLiteral.unmap(address);
        byte[] b = a.getAddress();
        int bits = a instanceof Inet4Address ? 24 : 64;
        for (int i = bits / 8; i < b.length; i++) {
            b[i] = 0;
        }
        try {
            return new AddressBlock(InetAddress.getByAddress(b), bits);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
