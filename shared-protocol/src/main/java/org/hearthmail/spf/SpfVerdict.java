package org.hearthmail.spf;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an SPF check.
 *
 * @param result      the check_host() result
 * @param identity    which identity was checked
 * @param domain      the domain whose policy was evaluated (the MAIL FROM domain or the HELO name)
 * @param explanation the expanded exp= text for a fail, when the domain published one (§6.2)
 * @param reason      a short human-readable reason (matching mechanism or error), never secret
 */
public record SpfVerdict(SpfResult result, Identity identity, String domain, Optional<String> explanation, String reason) {

    /** RFC 7208 §2.3, §2.4: the identity that was checked. */
    public enum Identity { MAILFROM, HELO }

    public SpfVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(reason, "reason");
    }
}
