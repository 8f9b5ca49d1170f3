package org.hearthmail.mailstore.auth;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=M,t=T,p=P$salt$hash}, salt
 * and hash in unpadded standard Base64 (as the reference implementation and libargon2 write it).
 */
public record PhcString(Argon2Params params, byte[] salt, byte[] hash) {
    private static final Pattern FORM = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,8})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    public PhcString {
        salt = salt.clone();
        hash = hash.clone();
        // RFC 9106 §3.1: salt at least 8 bytes; tag at least 4 bytes.
        if (salt.length < 8 || hash.length < 4) {
            throw new IllegalArgumentException("salt must be at least 8 bytes and hash at least 4 bytes");
        }
    }

    /** @throws IllegalArgumentException if {@code s} is not an Argon2id v=19 PHC string */
    public static PhcString parse(String s) {
        Matcher m = FORM.matcher(s == null ? "" : s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an argon2id v=19 PHC string");
        }
        try {
            Argon2Params p = new Argon2Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return new PhcString(p, Base64.getDecoder().decode(m.group(4)), Base64.getDecoder().decode(m.group(5)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PHC parameter out of range", e);
        }
    }

    public static boolean isPhc(String s) {
        return s != null && s.startsWith("$argon2id$");
    }

    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public String toString() {
        return "PhcString[" + params + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhcString p && p.encode().equals(encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }
}
