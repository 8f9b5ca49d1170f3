package org.hearthmail.e2e.testbed;

/**
 * The stand-in for the WireGuard tunnel: a veth pair straight from "vps" (10.77.0.1/24) to "home"
 * (10.77.0.2/24). "internet" has no route to 10.77.0.0/24 and neither end forwards, so only the
 * relay's side reaches the mailstore's listeners, as with the tunnel.
 */
public final class DirectVethLink implements VpsHomeLink {
    /** Same name at both ends; each end lives in its own namespace. */
    static final String INTERFACE = "tunnel0";

    @Override
    public void connect(Netns vps, Netns home) {
        Exec.run(java.util.List.of("ip", "link", "add", INTERFACE, "netns", vps.name(), "type", "veth",
                "peer", "name", INTERFACE, "netns", home.name())).requireOk();
        vps.ip("address", "add", Addresses.RELAY_TUNNEL + "/24", "dev", INTERFACE);
        home.ip("address", "add", Addresses.MAILSTORE_TUNNEL + "/24", "dev", INTERFACE);
        vps.ip("link", "set", INTERFACE, "up");
        home.ip("link", "set", INTERFACE, "up");
    }

    @Override
    public String describe() {
        return "direct veth vps<->home (stand-in for the WireGuard tunnel)";
    }

    @Override
    public void close() {
        // Both ends live in the testbed's namespaces; deleting them deletes the pair.
    }
}
