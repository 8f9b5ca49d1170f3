package org.hearthmail.mailstore.auth;

/**
 * One implementation of the raw Argon2id function (RFC 9106, version 0x13). Every implementation
 * gives the same bytes for the same inputs, so a hash made by one verifies with any other.
 */
sealed interface Argon2Function permits BouncyCastleArgon2, NativeArgon2 {

    /**
     * The tag H' of RFC 9106 §3.2 over the given inputs. Neither array passed in is changed or
     * kept; the caller wipes them.
     *
     * @param secret optional key K (RFC 9106 §3.1), may be null
     * @param ad     optional associated data X, may be null
     * @param length tag length T in bytes (RFC 9106 §3.1: at least 4)
     * @throws Argon2Exception if the computation fails (for example, the memory cost cannot be allocated)
     */
    byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] ad, Argon2Params p, int length);

    /** Which implementation this is, for the start-up log line. */
    String description();
}
