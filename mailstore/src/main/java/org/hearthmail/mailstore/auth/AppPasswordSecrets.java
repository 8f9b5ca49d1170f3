package org.hearthmail.mailstore.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * Generated app passwords and their verifiers. An app password is 100 random bits (20 base32
 * letters, shown in groups of four); with that much entropy a slow hash adds nothing against
 * guessing, so the verifier is {@code $sha256$<base64>} and checking all of a user's app
 * passwords costs microseconds, not one Argon2 run each. Compared in constant time.
 */
public final class AppPasswordSecrets {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray(); // RFC 4648 §6, lower case
    private static final int LETTERS = 20;
    private static final String PREFIX = "$sha256$";

    private final SecureRandom random;

    public AppPasswordSecrets(SecureRandom random) {
        this.random = random;
    }

    /** A new secret such as {@code abcd-efgh-ijkl-mnop-qrst}; shown to the user once, never stored. */
    public char[] generate() {
        char[] out = new char[LETTERS + LETTERS / 4 - 1];
        int j = 0;
        for (int i = 0; i < LETTERS; i++) {
            if (i > 0 && i % 4 == 0) {
                out[j++] = '-';
            }
            out[j++] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return out;
    }

    public static String verifier(char[] secret) {
        byte[] canonical = canonical(secret);
        try {
            return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(sha256(canonical));
        } finally {
            Arrays.fill(canonical, (byte) 0);
        }
    }

    /** Constant-time comparison of the candidate's verifier with a stored one. */
    public static boolean matches(char[] candidate, String storedVerifier) {
        if (storedVerifier == null || !storedVerifier.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = verifier(candidate).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = storedVerifier.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, stored);
    }

    /** Users may type it with or without dashes or spaces, in either case. */
    private static byte[] canonical(char[] secret) {
        StringBuilder sb = new StringBuilder(secret.length);
        for (char c : secret) {
            if (c != '-' && c != ' ') {
                sb.append(Character.toLowerCase(c));
            }
        }
        byte[] b = sb.toString().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        sb.setLength(0);
        return b;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
