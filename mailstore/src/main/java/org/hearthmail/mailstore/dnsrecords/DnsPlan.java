package org.hearthmail.mailstore.dnsrecords;

import java.util.List;
import java.util.Objects;

/**
 * Every record an installation needs.
 *
 * @param relays      the relays (MX targets), by preference; with none provisioned, the
 *                    {@code mx_host} of {@code mailstore.toml} with an unknown address
 * @param clientHost  the name mail clients use (IMAP, submission): {@code mx_host}
 * @param hostRecords A/AAAA of the relays and of the client-facing name, shared by all domains
 * @param domains     per hosted domain
 * @param notes       what the operator must know (unknown addresses, ...), one line each
 */
public record DnsPlan(List<RelayHost> relays, String clientHost, List<ExpectedRecord> hostRecords,
        List<DomainPlan> domains, List<String> notes) {
    public DnsPlan {
        relays = List.copyOf(relays);
        Objects.requireNonNull(clientHost, "clientHost");
        hostRecords = List.copyOf(hostRecords);
        domains = List.copyOf(domains);
        notes = List.copyOf(notes);
    }
}
