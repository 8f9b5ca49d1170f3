/**
 * PROXY protocol (haproxy proxy-protocol.txt, versions 1 and 2) on listeners that sit behind a
 * proxy, such as the mailstore ports the relay forwards through the tunnel.
 *
 * <p>Owns: deciding which peers may speak the PROXY protocol ({@link org.hearthmail.proxy.CidrSet}),
 * reading the header with Netty's {@code HAProxyMessageDecoder}, and publishing the client address
 * ({@link org.hearthmail.proxy.ProxyAttributes#CLIENT}, {@link org.hearthmail.proxy.ClientAddressResolved}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>A header is honoured only from a peer in the trusted set; from such a peer it is required
 *       (the spec forbids guessing whether one is present) and must arrive within the timeout.</li>
 *   <li>An untrusted peer always gets its real connection address; a PROXY signature from it closes
 *       the connection or, if configured, passes on as plain data.</li>
 *   <li>LOCAL, UNKNOWN/AF_UNSPEC and AF_UNIX headers fall back to the connection endpoints.</li>
 *   <li>The attribute is set before the event fires, and both happen exactly once per connection
 *       that is not closed; no byte reaches the next handler before that.</li>
 *   <li>Bytes after the header reach the next handler unchanged, even in the same segment.</li>
 *   <li>Nothing is thrown past these handlers: failures are logged on one line and close the channel.</li>
 *   <li>Every handler here removes itself once its job is done.</li>
 * </ul>
 */
package org.hearthmail.proxy;
