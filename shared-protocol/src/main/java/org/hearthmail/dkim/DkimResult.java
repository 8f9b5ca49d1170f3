package org.hearthmail.dkim;

import java.util.Objects;

/**
 * The verdict for one DKIM-Signature header.
 *
 * @param status    the result
 * @param reason    why, in a few words (never key material)
 * @param domain    the d= value (empty if the signature could not be parsed that far)
 * @param selector  the s= value (may be empty)
 * @param signature the b= value without whitespace (may be empty), for header.b
 * @param identity  the i= value or "@" + d
 * @param algorithm the a= value as written (may be empty)
 */
public record DkimResult(DkimStatus status, String reason, String domain, String selector, String signature,
                         String identity, String algorithm) {
    public DkimResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    static DkimResult of(DkimStatus status, String reason, DkimSignature sig) {
        return new DkimResult(status, reason, sig.domain(), sig.selector(), sig.b(), sig.identity(), sig.algorithmTag());
    }

    static DkimResult unparsed(DkimStatus status, String reason, String domain, String selector) {
        return new DkimResult(status, reason, domain, selector, "", "", "");
    }
}
