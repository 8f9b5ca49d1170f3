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
}
