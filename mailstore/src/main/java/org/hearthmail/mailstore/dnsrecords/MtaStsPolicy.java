package org.hearthmail.mailstore.dnsrecords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The MTA-STS policy file of a domain (RFC 8461 §3.2) and the id its {@code _mta-sts} record
 * carries. The id is derived from the policy text, so it changes exactly when the policy changes
 * (RFC 8461 §3.1: senders refetch the policy when the id changes).
 *
 * @param mode   "testing" or "enforce"
 * @param mx     the MX host names the policy allows
 * @param maxAge seconds senders may cache the policy
 */
public record MtaStsPolicy(String mode, List<String> mx, long maxAge) {
    /** RFC 8461 §3.2: max_age up to 31557600; a week is a common start. */
    public static final long DEFAULT_MAX_AGE = 604_800;
    /** RFC 8461 §3.1: id = 1*32(ALPHA / DIGIT). */
    private static final int ID_LENGTH = 20;

    public MtaStsPolicy {
        Objects.requireNonNull(mode, "mode");
        mx = List.copyOf(mx);
        if (!mode.equals("testing") && !mode.equals("enforce") && !mode.equals("none")) {
            throw new IllegalArgumentException("MTA-STS mode must be testing, enforce or none: " + mode);
        }
    }

    /** RFC 8461 §3.2: the policy body, lines ending in CRLF. */
    public String text() {
        StringBuilder b = new StringBuilder("version: STSv1\r\nmode: ").append(mode).append("\r\n");
        for (String host : mx) {
            b.append("mx: ").append(host).append("\r\n");
        }
        return b.append("max_age: ").append(maxAge).append("\r\n").toString();
    }

    /** The id for the {@code _mta-sts} TXT record: hex of the policy's SHA-256, shortened. */
    public String id() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(h).substring(0, ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** RFC 8461 §3.1: {@code v=STSv1; id=...}. */
    public String txtRecord() {
        return "v=STSv1; id=" + id();
    }
}
