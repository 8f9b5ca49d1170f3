package org.hearthmail.mailstore.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Name of one message body file: 128 random bits in lower-case hex. */
public record BlobId(String hex) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public BlobId {
        if (hex == null || !FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("blob id must be 32 lower-case hex digits");
        }
    }

    public static BlobId random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new BlobId(HexFormat.of().formatHex(b));
    }

    public static boolean isValid(String s) {
        return s != null && FORM.matcher(s).matches();
    }

    @Override
    public String toString() {
        return hex;
    }
}
