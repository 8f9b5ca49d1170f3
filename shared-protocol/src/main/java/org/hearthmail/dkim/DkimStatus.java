package org.hearthmail.dkim;

import java.util.Locale;

/** RFC 8601 §2.7.1: the DKIM result values. */
public enum DkimStatus {
    NONE, PASS, FAIL, POLICY, NEUTRAL, TEMPERROR, PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
