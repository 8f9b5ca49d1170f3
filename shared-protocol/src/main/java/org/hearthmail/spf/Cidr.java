package org.hearthmail.spf;

import java.net.InetAddress;

/** Prefix matching of addresses of the same family. */
final class Cidr {
    private Cidr() { }

    static boolean contains(InetAddress network, int prefix, InetAddress candidate) {
        byte[] n = network.getAddress();
        byte[] c = candidate.getAddress();
        if (n.length != c.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (n[i] != c[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (n[full] & mask) == (c[full] & mask);
    }
}
