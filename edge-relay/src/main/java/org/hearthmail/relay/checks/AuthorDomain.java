package org.hearthmail.relay.checks;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** RFC 7489 §6.6.1: the domain DMARC evaluates, taken from the message's From field. */
public sealed interface AuthorDomain {

    /** Exactly one From field whose addresses all share this domain (A-label, lower case). */
    record Single(String domain) implements AuthorDomain {
    }

    /** No From field, or one without a usable address. */
    record Missing(String reason) implements AuthorDomain {
    }

    /** Several From fields, or one From field with addresses in several domains. */
    record Several(List<String> domains) implements AuthorDomain {
        public Several {
            domains = List.copyOf(domains);
        }
    }

    /** @param fromValues the unfolded values of every From field in the header section */
    static AuthorDomain of(List<String> fromValues) {
        if (fromValues.isEmpty()) {
            return new Missing("no From field");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String value : fromValues) {
            InternetAddress[] addresses;
            try {
                // Lenient parsing (strict=false) as a receiver should be (RFC 5322 §4 obsolete syntax).
                addresses = InternetAddress.parseHeader(value, false);
            } catch (AddressException e) {
                return new Missing("unparseable From field");
            }
            if (addresses.length == 0) {
                return new Missing("From field without an address");
            }
            for (InternetAddress a : addresses) {
                String addr = a.getAddress();
                int at = addr == null ? -1 : addr.lastIndexOf('@');
                if (at < 0 || at == addr.length() - 1) {
                    return new Missing("From address without a domain");
                }
                String domain = addr.substring(at + 1).strip();
                if (domain.endsWith(".")) {
                    domain = domain.substring(0, domain.length() - 1);
                }
                try {
                    // RFC 7489 §6.6.1: a U-label domain is converted to an A-label first.
                    domains.add(IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return new Missing("From domain is not a valid domain name");
                }
            }
        }
        if (fromValues.size() > 1) {
            // RFC 5322 §3.6: exactly one From field.
            return new Several(List.copyOf(domains));
        }
        return domains.size() == 1 ? new Single(domains.iterator().next()) : new Several(List.copyOf(domains));
    }
}
