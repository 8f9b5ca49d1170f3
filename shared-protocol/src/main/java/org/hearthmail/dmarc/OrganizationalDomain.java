package org.hearthmail.dmarc;

import java.util.Locale;

import com.google.common.net.InternetDomainName;

/** RFC 7489 §3.2: the organizational domain, via the Public Suffix List. */
public final class OrganizationalDomain {
    private OrganizationalDomain() { }

    public static String of(String domain) {
        String d = normalize(domain);
        try {
            InternetDomainName name = InternetDomainName.from(d);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
            if (name.isPublicSuffix()) {
                return d;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Not a name Guava accepts (e.g. underscores): fall through to the default rule.
        }
        // §3.2 with the PSL's implicit "*" rule: the last label is the public suffix.
        String[] labels = d.split("\\.");
        if (labels.length <= 2) {
            return d;
        }
        return labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    static String normalize(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
