/**
 * Whole-system tests on the namespace testbed: real processes of both programs, driven by
 * third-party clients (swaks, Postfix, Python's imaplib and smtplib, dkimpy) from "internet", over
 * the real WireGuard tunnel the two programs bring up after being provisioned with their CLIs;
 * {@code TunnelFlapTest} cuts that tunnel (nftables in "internet") while mail keeps coming.
 * They need root and the Debian packages of deploy/install-deps, and skip (JUnit assumption) only
 * when one of those is genuinely absent.
 */
package org.hearthmail.e2e.system;
