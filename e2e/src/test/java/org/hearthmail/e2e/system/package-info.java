/**
 * Whole-system tests on the namespace testbed: real processes of both programs, driven by
 * third-party clients (swaks, Postfix, Python's imaplib and smtplib, dkimpy) from "internet".
 * They need root and the Debian packages of deploy/install-deps, and skip (JUnit assumption) only
 * when one of those is genuinely absent.
 */
package org.hearthmail.e2e.system;
