package org.hearthmail.dmarc;

import java.util.Locale;

/** RFC 8601 §2.7.x / RFC 7489 §11.2: the DMARC result values. */
public enum DmarcResult {
    NONE, PASS, FAIL, TEMPERROR, PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
