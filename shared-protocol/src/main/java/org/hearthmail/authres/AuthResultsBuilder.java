package org.hearthmail.authres;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hearthmail.dkim.DkimResult;
import org.hearthmail.dkim.DkimStatus;
import org.hearthmail.dmarc.DmarcVerdict;
import org.hearthmail.spf.SpfVerdict;

/**
 * Builds one Authentication-Results header field (RFC 8601 §2.2), e.g.
 * <pre>
 * Authentication-Results: mx.example.org;
 * 	spf=pass smtp.mailfrom=alice@example.test;
 * 	dkim=pass header.d=example.test header.s=ed header.b=abcdEFGH;
 * 	dmarc=pass header.from=example.test
 * </pre>
 */
public final class AuthResultsBuilder {
    public static final String FIELD_NAME = "Authentication-Results";
    /** RFC 6008 §4: header.b carries at least the first 8 characters of the signature. */
    static final int MIN_B_PREFIX = 8;

    private final String authservId;
    private final List<String> results = new ArrayList<>();

    /** @param authservId this host's name (RFC 8601 §2.5), usually its FQDN */
    public AuthResultsBuilder(String authservId) {
        Objects.requireNonNull(authservId, "authservId");
        if (!AuthResValues.isToken(authservId)) {
            throw new IllegalArgumentException("authserv-id must be a token such as a host name: " + authservId);
        }
        this.authservId = authservId;
    }

    /** RFC 8601 §2.7.2: the MAIL FROM check. {@code mailFrom} may be empty for a null reverse-path. */
    public AuthResultsBuilder spfMailFrom(SpfVerdict v, String mailFrom) {
        String identity = mailFrom == null || mailFrom.isBlank() || mailFrom.equals("<>")
                ? "postmaster@" + v.domain() : strip(mailFrom);
        results.add("spf=" + v.result().keyword() + " smtp.mailfrom=" + AuthResValues.address(identity));
        return this;
    }

    /** RFC 8601 §2.7.2: the HELO check. */
    public AuthResultsBuilder spfHelo(SpfVerdict v) {
        results.add("spf=" + v.result().keyword() + " smtp.helo=" + AuthResValues.value(v.domain()));
        return this;
    }

    /** RFC 8601 §2.7.1: one result per signature; "dkim=none" for an unsigned message. */
    public AuthResultsBuilder dkim(List<DkimResult> dkim) {
        if (dkim.isEmpty()) {
            results.add("dkim=none");
            return this;
        }
        for (DkimResult r : dkim) {
            StringBuilder sb = new StringBuilder("dkim=").append(r.status().keyword());
            if (r.status() != DkimStatus.PASS && !r.reason().isEmpty()) {
                sb.append(" reason=").append(AuthResValues.value(r.reason()));
            }
            if (!r.domain().isEmpty()) {
                sb.append(" header.d=").append(AuthResValues.value(r.domain()));
            }
            if (!r.selector().isEmpty()) {
                sb.append(" header.s=").append(AuthResValues.value(r.selector()));
            }
            if (!r.signature().isEmpty()) {
                sb.append(" header.b=").append(AuthResValues.value(prefix(r.signature(), dkim)));
            }
            results.add(sb.toString());
        }
        return this;
    }

    /** RFC 7489 §11.2: the DMARC result with the From domain. */
    public AuthResultsBuilder dmarc(DmarcVerdict v) {
        results.add("dmarc=" + v.result().keyword() + " header.from=" + AuthResValues.value(v.fromDomain()));
        return this;
    }

    /** The whole field, folded one result per line, ending in CRLF. */
    public String build() {
        StringBuilder sb = new StringBuilder(FIELD_NAME).append(": ").append(authservId);
        if (results.isEmpty()) {
            // RFC 8601 §2.2: no-result = [CFWS] ";" [CFWS] "none"
            return sb.append("; none\r\n").toString();
        }
        for (String r : results) {
            sb.append(";\r\n\t").append(r);
        }
        return sb.append("\r\n").toString();
    }

    /** RFC 6008 §4: the shortest prefix (at least 8 characters) that tells the signatures apart. */
    static String prefix(String b, List<DkimResult> all) {
        int len = Math.min(MIN_B_PREFIX, b.length());
        while (len < b.length()) {
            String p = b.substring(0, len);
            long same = all.stream().map(DkimResult::signature).filter(o -> !o.equals(b) && o.startsWith(p)).count();
            if (same == 0) {
                break;
            }
            len++;
        }
        return b.substring(0, len);
    }

    private static String strip(String path) {
        String p = path.strip();
        return p.startsWith("<") && p.endsWith(">") ? p.substring(1, p.length() - 1) : p;
    }
}
