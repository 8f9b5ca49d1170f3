/**
 * The whole-system testbed: three network namespaces ("internet", "vps", "home", with a random
 * suffix per run) joined by veth pairs on documentation addresses (RFC 5737), a pluggable
 * vps&lt;-&gt;home link ({@link org.hearthmail.e2e.testbed.VpsHomeLink}: the WireGuard tunnel the programs
 * bring up, {@link org.hearthmail.e2e.testbed.WireGuardLink}, or a direct veth for the testbed's own tests), knot as the DNS server, throw-away Postfix instances, and our two
 * programs run as their own JVMs through their CLIs.
 *
 * <p>Invariants: traffic only ever goes to addresses inside the namespaces this testbed made;
 * every long-running process is started through {@link org.hearthmail.e2e.testbed.Testbed#start}
 * and stopped by its PID when the testbed closes (also after a failed set-up or on JVM exit); every
 * wait is bounded in time; what is left running in a namespace when it closes is ended by PID; the
 * mailstore's listeners bind only to the tunnel address 10.77.0.2 (and loopback). Both ends are
 * provisioned with the CLI; the few settings no command writes are made in one place,
 * {@link org.hearthmail.e2e.testbed.CliProvisioning}, each marked in the file with a comment.
 */
package org.hearthmail.e2e.testbed;
