/**
 * The userspace backend: {@code wireguard-go} as the WireGuard implementation, configured through
 * its UAPI socket ({@code tunnel.uapi}), with addresses, MTU, routes and link state set by
 * iproute2's {@code ip} command.
 *
 * <p>Invariants: a daemon this backend started is stopped by {@link
 * org.hearthmail.tunnel.userspace.UserspaceBackend#close()} through its own process handle (never
 * by name); a daemon it found already running is used but never stopped; every external command
 * runs with a time limit and its failure carries the command's own error text; interface names
 * follow Linux's 15-character limit and wg-quick's character set.
 */
package org.hearthmail.tunnel.userspace;
