/**
 * SASL mechanisms for SMTP AUTH (RFC 4954): PLAIN (RFC 4616) and LOGIN (draft-murchison-sasl-login).
 * Each is a small state machine fed decoded client responses; none sees the network or logs.
 * Passwords are held as char arrays and never appear in {@code toString()} or log lines.
 */
package org.hearthmail.smtp.server.auth;
