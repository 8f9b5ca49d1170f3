package org.hearthmail.mailstore.dnsrecords;

/** Why a record is published; decides how {@code dns check} compares what it finds. */
public enum Purpose {
    /** MX of a hosted domain pointing at a relay. */
    MX("MX"),
    /** A/AAAA of a relay's host name: its egress address. */
    RELAY_ADDRESS("relay address"),
    /** A/AAAA of the client-facing name when it is not a relay's own name. */
    CLIENT_ADDRESS("client name address"),
    SPF("SPF"),
    DKIM("DKIM key"),
    DMARC("DMARC"),
    /** {@code _mta-sts} TXT (RFC 8461 §3.1). */
    MTA_STS("MTA-STS"),
    /** A/AAAA of {@code mta-sts.DOMAIN}, the HTTPS host serving the policy (RFC 8461 §3.2). */
    MTA_STS_HOST("MTA-STS host"),
    /** {@code _smtp._tls} TXT (RFC 8460 §3). */
    TLS_RPT("TLS-RPT"),
    /** RFC 6186 client autoconfiguration. */
    SRV("SRV");

    private final String label;

    Purpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
