package org.hearthmail.proxy;

import io.netty.buffer.ByteBuf;

/** Recognises the start of a PROXY header without consuming bytes. */
final class ProxySignature {

    /** haproxy proxy-protocol.txt §2.1: a v1 header starts with "PROXY" and a single space. */
    private static final byte[] V1 = {'P', 'R', 'O', 'X', 'Y', ' '};
    /** proxy-protocol.txt §2.2: the fixed 12-byte v2 signature. */
    private static final byte[] V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    enum Match { V1, V2, NONE, NEED_MORE }

    private ProxySignature() {
    }

    static Match classify(ByteBuf buf) {
        boolean v1Possible = prefixMatches(buf, V1);
        boolean v2Possible = prefixMatches(buf, V2);
        int readable = buf.readableBytes();
        if (v1Possible && readable >= V1.length) {
            return Match.V1;
        }
        if (v2Possible && readable >= V2.length) {
            return Match.V2;
        }
        return v1Possible || v2Possible ? Match.NEED_MORE : Match.NONE;
    }

    private static boolean prefixMatches(ByteBuf buf, byte[] signature) {
        int n = Math.min(buf.readableBytes(), signature.length);
        int start = buf.readerIndex();
        for (int i = 0; i < n; i++) {
            if (buf.getByte(start + i) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
