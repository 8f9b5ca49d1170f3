/**
 * The whole-system testbed: three network namespaces ("internet", "vps", "home", with a random
 * suffix per run) joined by veth pairs on documentation addresses (RFC 5737), a pluggable
 * vps&lt;-&gt;home link ({@link org.hearthmail.e2e.testbed.VpsHomeLink}, for now a direct veth standing
 * in for the WireGuard tunnel), knot as the DNS server, throw-away Postfix instances, and our two
 * programs run as their own JVMs through their CLIs.
 *
 * <p>Invariants: traffic only ever goes to addresses inside the namespaces this testbed made;
 * every long-running process is started through {@link org.hearthmail.e2e.testbed.Testbed#start}
 * and stopped by its PID when the testbed closes (also after a failed set-up or on JVM exit); every
 * wait is bounded in time; the mailstore's listeners bind only to the link address 10.77.0.2.
 * Settings no CLI writes yet are made in one place, {@link org.hearthmail.e2e.testbed.ManualProvisioning}.
 */
package org.hearthmail.e2e.testbed;
