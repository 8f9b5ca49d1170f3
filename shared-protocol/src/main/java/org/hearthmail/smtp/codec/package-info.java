/**
 * Framing of the SMTP server's input: bytes in, typed inputs out ({@link org.hearthmail.smtp.codec.SmtpInput}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Only CRLF ends a command line, and only {@code CRLF "." CRLF} ends DATA (RFC 5321 §2.3.8,
 *       §4.1.1.4). A bare CR or LF inside DATA never ends a line; it is reported so the session
 *       can reject the message (SMTP smuggling, CVE-2023-51764 class).</li>
 *   <li>Memory is bounded: a line longer than its limit is discarded as it arrives, and message
 *       content is passed on as slices of what was read, never gathered.</li>
 *   <li>After a command that changes how the following bytes must be read (DATA, BDAT, AUTH,
 *       STARTTLS) the decoder stops decoding until the session tells it how to go on; bytes a
 *       client pipelined after STARTTLS are discarded (CVE-2011-0411 class).</li>
 * </ul>
 */
package org.hearthmail.smtp.codec;
