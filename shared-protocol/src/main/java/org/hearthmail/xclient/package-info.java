/**
 * Postfix XCLIENT (XCLIENT_README): the relay tells the mailstore who the real SMTP client is
 * (ADDR, PORT, NAME, HELO, PROTO, LOGIN, DESTADDR, DESTPORT) over the tunnel session.
 *
 * <p>Owns: the attribute model ({@link org.hearthmail.xclient.XClientAttributes}), the xtext codec
 * (RFC 3461 §4), the server-side argument parser and the client-side command encoder. It does not
 * decide who may send XCLIENT (the SMTP session checks the peer against the relay's tunnel
 * address, per DESIGN.md) and does no I/O.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Anything {@link org.hearthmail.xclient.XClientCommands#encode} produces parses back with
 *       {@link org.hearthmail.xclient.XClientCommandParser#parse} to the same attributes.</li>
 *   <li>Encoded lines fit the line limit (512 octets with CRLF by default) and NAME and ADDR are
 *       always in the last command.</li>
 *   <li>Parse failures are {@link org.hearthmail.xclient.XClientSyntaxException}s whose message is
 *       printable ASCII and safe to put in a 501 5.5.4 reply.</li>
 *   <li>Addresses are parsed as literals only; nothing here touches DNS.</li>
 * </ul>
 */
package org.hearthmail.xclient;
