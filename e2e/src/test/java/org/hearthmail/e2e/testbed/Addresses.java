package org.hearthmail.e2e.testbed;

/**
 * The testbed's fixed addresses, all documentation ranges (RFC 5737) plus the tunnel's 10.77.0.0/24
 * (DESIGN.md): nothing here is routable outside the namespaces the testbed creates.
 */
public final class Addresses {
    private Addresses() {
    }

    /** The VPS's public address, where the edge relay listens (the relay's MX). */
    public static final String VPS = "203.0.113.10";
    /** The internet router's side of the VPS link. */
    public static final String VPS_GATEWAY = "203.0.113.1";
    /** The home's public address (its router); the mailstore listens on nothing here. */
    public static final String HOME = "198.51.100.20";
    /** The internet router's side of the home link. */
    public static final String HOME_GATEWAY = "198.51.100.1";
    /** Mail clients in "internet" (swaks, Python, IMAP); the source of internet-originated connections. */
    public static final String CLIENT = "192.0.2.1";
    /** The remote MX for remote.test (a Postfix instance). */
    public static final String REMOTE_MX = "192.0.2.25";
    /** A sending MTA in "internet" (a Postfix instance that delivers to example.test's MX). */
    public static final String SENDING_MTA = "192.0.2.26";
    /**
     * The {@code i}-th of many senders in "internet" (192.0.2.100 and up, {@code i} &lt; 100), for
     * tests that need more connections than the relay allows one address; add them to "internet" first.
     */
    public static String sender(int i) {
        if (i < 0 || i >= 100) {
            throw new IllegalArgumentException("sender " + i + " is outside 0..99");
        }
        return "192.0.2." + (100 + i);
    }

    /** The DNS server (knot), authoritative for every test zone. */
    public static final String DNS = "192.0.2.53";
    /** The relay's end of the vps<->home link (the tunnel address in DESIGN.md). */
    public static final String RELAY_TUNNEL = "10.77.0.1";
    /** The mailstore's end of the vps<->home link; its listeners bind only here. */
    public static final String MAILSTORE_TUNNEL = "10.77.0.2";
    public static final String TUNNEL_NETWORK = "10.77.0.0/24";
}
