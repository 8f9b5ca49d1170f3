package org.hearthmail.tunnel.keys;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/** Decoding and encoding shared by the three key types; package-private on purpose. */
final class KeyBytes {
    /** WireGuard keys are 32 bytes (Curve25519 scalars/points and the PSK alike). */
    static final int LENGTH = 32;
    /** 32 bytes in padded base64 are 44 characters, the last one '='. */
    private static final int BASE64_LENGTH = 44;

    private KeyBytes() {
    }

    static byte[] fromBase64(String text, String what) {
        if (text == null) {
            throw new KeyFormatException(what + " is missing");
        }
        String trimmed = text.strip();
        if (trimmed.length() != BASE64_LENGTH || trimmed.charAt(BASE64_LENGTH - 1) != '=') {
            throw new KeyFormatException(what + " must be 44 characters of base64 ending in '=' (got "
                    + trimmed.length() + " characters)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(what + " is not valid base64");
        }
        return checkLength(bytes, what);
    }

    static byte[] fromHex(String text, String what) {
        if (text == null || text.length() != 2 * LENGTH) {
            throw new KeyFormatException(what + " must be 64 hex digits");
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(what + " is not valid hex");
        }
    }

    static byte[] checkLength(byte[] bytes, String what) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new KeyFormatException(what + " must be exactly 32 bytes");
        }
        return bytes.clone();
    }

    /** Constant-time comparison, so comparing secrets leaks no timing. */
    static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
