package org.hearthmail.mailstore.imap.proto;

/** Checks on raw octets that the protocol's string forms depend on. */
public final class Octets {
    private Octets() {
    }

    /** RFC 9051 §4.3: NUL may travel only in a literal8, never in a quoted string or a plain literal. */
    public static boolean hasNul(byte[] data) {
        for (byte b : data) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 9051 §4.3.1: binary data goes out only as BINARY[] literal8; anywhere else it must be
     * made textual. Like Dovecot, each NUL becomes 0x80, so sizes and partial offsets still hold.
     * Returns {@code data} itself when it has no NUL.
     */
    public static byte[] textual(byte[] data) {
        if (!hasNul(data)) {
            return data;
        }
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = (byte) 0x80;
            }
        }
        return out;
    }
}
