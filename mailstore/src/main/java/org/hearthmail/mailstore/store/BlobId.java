package org.hearthmail.mailstore.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Name of one message body file: 128 random bits in lower-case hex. */
public record BlobId(String hex) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public BlobId {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("blob id must be 32 lower-case hex digits");
        }
    }

    public static BlobId random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new BlobId(HexFormat.of().formatHex(b));
    }

    /** True for 32 lower-case hex digits (checked by hand: every message row read makes one). */
    public static boolean isValid(String s) {
        if (s == null || s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return hex;
    }
}
