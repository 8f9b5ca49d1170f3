/**
 * SMTP client on Netty: the relay's hop to the mailstore, the relay's outbound delivery, and the
 * mailstore's hand-off of submitted mail to the relay.
 *
 * <p>Owns: framing and parsing of replies ({@link org.hearthmail.smtp.client.ReplyDecoder},
 * {@link org.hearthmail.smtp.client.ReplyParser}); one session per connection
 * ({@link org.hearthmail.smtp.client.SmtpClient}) with EHLO/HELO, STARTTLS under a
 * {@link org.hearthmail.smtp.client.TlsPolicy}, AUTH PLAIN/LOGIN, XCLIENT, MAIL/RCPT/DATA/BDAT,
 * RSET, NOOP, QUIT; reuse of sessions per destination
 * ({@link org.hearthmail.smtp.client.SmtpClientPool}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Replies are matched to commands strictly in order (RFC 2920 §3.2); a command is written
 *       only when the previous one's reply has arrived, unless PIPELINING was advertised and the
 *       previous one is RSET, MAIL or RCPT (RFC 2920 §3.1).</li>
 *   <li>Every awaited reply has a timer (RFC 5321 §4.5.3.2); on expiry, on a malformed reply and
 *       on a lost connection, every outstanding command fails with a
 *       {@link org.hearthmail.smtp.client.SmtpClientException} and the connection is closed.
 *       No future is left pending.</li>
 *   <li>Message content is streamed in chunks pulled while the channel is writable; it is never
 *       held whole in memory. DATA content is dot-stuffed with bare CR/LF normalised to CRLF and
 *       always ends CRLF.CRLF; BDAT content is sent unchanged.</li>
 *   <li>If content cannot be sent completely, the connection is closed instead of terminating
 *       the data, so a truncated message is never accepted.</li>
 *   <li>After STARTTLS or XCLIENT, earlier capabilities are forgotten; bytes received in
 *       plaintext after the 220 to STARTTLS end the session.</li>
 *   <li>Command arguments never contain CR, LF or NUL; AUTH payloads are never logged.</li>
 *   <li>All session state is touched on the connection's event loop only.</li>
 * </ul>
 */
package org.hearthmail.smtp.client;
