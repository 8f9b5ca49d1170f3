package org.hearthmail.mailstore.relays;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tunnel addresses for relays: the first relay gets .1 of the tunnel network (10.77.0.1), the
 * mailstore keeps its own (10.77.0.2), later relays take the lowest free host address after that
 * (10.77.0.3, 10.77.0.4, ...). One /24 holds 253 relays, far more than anyone runs.
 */
public final class TunnelAddressPlan {
    private TunnelAddressPlan() {
    }

    /**
     * @param mailstore    the mailstore's tunnel address
     * @param prefixLength the tunnel network's prefix length
     * @throws IllegalStateException when the network is full
     */
    public static InetAddress next(InetAddress mailstore, int prefixLength, List<RelayRegistration> existing) {
        if (!(mailstore instanceof Inet4Address)) {
            throw new IllegalArgumentException("the tunnel address plan is IPv4 only, not " + mailstore.getHostAddress());
        }
        Set<InetAddress> used = new HashSet<>();
        used.add(mailstore);
        existing.forEach(r -> used.add(r.tunnelAddress()));
        int base = toInt(mailstore) & mask(prefixLength);
        int hosts = (1 << (32 - prefixLength)) - 2;
        for (int i = 1; i <= hosts; i++) {
            InetAddress candidate = fromInt(base + i);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free tunnel address left in " + fromInt(base).getHostAddress() + "/" + prefixLength);
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    private static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static InetAddress fromInt(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
