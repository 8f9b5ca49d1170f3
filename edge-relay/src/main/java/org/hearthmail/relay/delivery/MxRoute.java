package org.hearthmail.relay.delivery;

import java.util.List;

/** Where mail for one domain goes, per RFC 5321 §5.1 and RFC 7505. */
public sealed interface MxRoute {

    /** Hosts to try in this order (preference ascending, equal preferences shuffled). */
    record Hosts(List<String> hosts, boolean implicit) implements MxRoute {
        public Hosts {
            hosts = List.copyOf(hosts);
        }
    }

    /** RFC 7505: the domain accepts no mail ({@code MX 0 .}). */
    record NullMx() implements MxRoute {
    }

    /** The domain does not exist or has neither MX nor address records: a permanent failure. */
    record NoSuchDomain(String detail) implements MxRoute {
    }

    /** DNS failed temporarily: try again later. */
    record TempFail(String detail) implements MxRoute {
    }
}
