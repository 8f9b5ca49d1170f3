/**
 * The relay's client ports (DESIGN.md, "Client access"): IMAP and submission connections (993, 465,
 * 587, configurable) forwarded as raw TCP through the tunnel to the mailstore, which terminates
 * TLS and so alone sees credentials and mail.
 *
 * <p>Invariants: the first bytes the mailstore receives on a connection are one PROXY v2 header
 * (haproxy proxy-protocol.txt §2.2) naming the client's real address and port and the relay address
 * and port it connected to; after it, the client's bytes unchanged and in order, and the same back;
 * no client byte is read before the mailstore connection is up (so nothing is buffered without
 * bound), and reading from either side pauses while the other cannot take more; a half-close in one
 * direction is passed on; the mailstore unreachable within the connect timeout, an error on either
 * side, or no traffic for the idle timeout closes both ends. The gate's ban list and limits apply
 * before anything else; a refused client is disconnected without a byte.
 */
package org.hearthmail.relay.passthrough;
