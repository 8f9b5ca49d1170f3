package org.hearthmail.spf;

import java.util.Locale;

/** RFC 7208 §2.6: the results of check_host(). */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    /** The lower-case keyword used in Received-SPF and Authentication-Results. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
