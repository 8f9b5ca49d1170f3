package org.hearthmail.mailstore.dnsrecords;

import java.util.List;
import java.util.Objects;

/**
 * The records of one hosted domain and the MTA-STS policy file it must serve.
 *
 * @param domain  A-label form, no trailing dot
 * @param records in publishing order (MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, SRV)
 * @param mtaSts  the policy to serve at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}
 */
public record DomainPlan(String domain, List<ExpectedRecord> records, MtaStsPolicy mtaSts) {
    public DomainPlan {
        Objects.requireNonNull(domain, "domain");
        records = List.copyOf(records);
        Objects.requireNonNull(mtaSts, "mtaSts");
    }

    /** RFC 8461 §3.3: where the policy is fetched from. */
    public String mtaStsUrl() {
        return "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    }
}
