/**
 * {@code mailstore dns check}: asks a DNS resolver for every record of a {@link
 * org.hearthmail.mailstore.dnsrecords.DnsPlan} and for what only a split setup gets wrong (each
 * relay's PTR and forward-confirmed reverse DNS, SPF passing for the relays' egress addresses and
 * not for the home address, DNSBL listings), and reports each as a {@link
 * org.hearthmail.mailstore.dnscheck.CheckItem}.
 *
 * <p>Invariants: checks only read DNS (no record is changed, nothing is sent but DNS queries to the
 * one configured resolver); every lookup is bounded in time; an unreachable resolver is an error
 * ({@link org.hearthmail.mailstore.dnscheck.ResolverUnreachableException}) before any record is
 * judged, never a page of "missing".
 */
package org.hearthmail.mailstore.dnscheck;
