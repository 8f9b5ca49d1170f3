package org.hearthmail.dmarc;

/** RFC 7489 §3.1: identifier alignment modes (adkim=, aspf=). */
public enum Alignment {
    RELAXED, STRICT;

    /** Whether an authenticated domain is aligned with the RFC5322.From domain under this mode. */
    public boolean aligned(String authenticated, String fromDomain) {
        String a = OrganizationalDomain.normalize(authenticated);
        String f = OrganizationalDomain.normalize(fromDomain);
        if (this == STRICT) {
            // §3.1.1/§3.1.2: strict mode needs an exact match.
            return a.equals(f);
        }
        // Relaxed: the organizational domains match.
        return OrganizationalDomain.of(a).equals(OrganizationalDomain.of(f));
    }
}
