/**
 * Interop tests: a real {@link org.hearthmail.smtp.server.SmtpServer} on loopback driven by real
 * third-party SMTP clients from Debian (swaks, Python's smtplib and raw sockets), started as
 * processes with bounded run times.
 *
 * <p>Invariants: traffic goes only to 127.0.0.1; every started process is killed (with its
 * descendants) when its time is up or the test ends; a missing client program fails the test with
 * the name of the Debian package that provides it (deploy/install-deps installs them), never a skip.
 */
package org.hearthmail.smtp.interop;
