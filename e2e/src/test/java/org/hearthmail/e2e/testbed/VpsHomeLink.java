package org.hearthmail.e2e.testbed;

/**
 * The private link between the VPS and home: whatever gives the relay {@link Addresses#RELAY_TUNNEL}
 * in "vps" and the mailstore {@link Addresses#MAILSTORE_TUNNEL} in "home", reachable from each other
 * and from nowhere else. {@link WireGuardLink} is the real tunnel across "internet", brought up by
 * the programs; {@link DirectVethLink} is a plain veth pair for the testbed's own tests.
 */
public interface VpsHomeLink extends AutoCloseable {

    /**
     * Called once the three namespaces exist and "internet" routes between the VPS and home
     * addresses; afterwards (or, for a link the programs bring up themselves, once they run)
     * the two tunnel addresses reach each other.
     */
    void connect(Netns vps, Netns home);

    /** One line for logs and failure messages, e.g. "direct veth (no tunnel)". */
    String describe();

    /** Removes what {@link #connect} made outside the namespaces (deleting them removes the rest). */
    @Override
    void close();
}
