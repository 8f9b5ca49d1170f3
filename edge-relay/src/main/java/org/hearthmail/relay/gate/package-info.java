/**
 * The relay's connection gate (DESIGN.md, "Inbound": per-IP limits, ban list, DNSBL, FCrDNS,
 * early-talker detection). It owns who may connect to the relay's public ports, decided before
 * any protocol byte is exchanged.
 *
 * <p>For every guarded listener: a ban list with expiry ({@link org.hearthmail.relay.gate.BanList},
 * bounded, persisted in the data directory by {@link org.hearthmail.relay.gate.BanFile}), fed by abuse
 * signals and by the mailstore through {@link org.hearthmail.relay.gate.ConnectionGate#ban}; then
 * concurrency limits per address and per IPv4 /24 or IPv6 /64 and a rate limit per address (token
 * bucket on an injected clock). For port 25 also, before the greeting (in the manner of Postfix's
 * postscreen): a pre-greet wait during which any byte from the client is early talk, weighted DNS
 * block and allow lists (RFC 5782), and forward-confirmed reverse DNS, whose verified name becomes
 * the session's client name (and so XCLIENT NAME towards the mailstore).
 *
 * <p>Invariants: no greeting is written before every check passed; a refused client gets one
 * reply ({@code 554 5.7.1} with the reason, {@code 421 4.7.0} for limits and temporary DNS failures)
 * and is disconnected; pass-through clients are disconnected without a reply; every admitted
 * connection holds exactly one permit, released when the channel closes; all state (counts,
 * buckets, bans, abuse counts, cached verdicts) is bounded in size; no disk or DNS work runs on an
 * event loop; verdicts are cached with configured TTLs (the resolver reports none), shorter when a
 * lookup failed.
 */
package org.hearthmail.relay.gate;
