package org.hearthmail.mailstore.dnscheck;

import java.util.Locale;

/** The verdict on one checked item. Only {@link #OK} counts as passing. */
public enum CheckStatus {
    /** Published as expected. */
    OK,
    /** Not published (no such name, or no record of the type). */
    MISSING,
    /** Published with other data than expected. */
    WRONG,
    /** Works, but against the design (e.g. SPF also passes for the home address). */
    WARN,
    /** The lookup failed temporarily (SERVFAIL, timeout): cannot tell. */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
