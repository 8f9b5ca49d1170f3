/**
 * IMAP wire syntax, free of I/O and of Netty pipelines: {@link org.hearthmail.mailstore.imap.proto.RequestParser}
 * frames client bytes into tagged requests with typed arguments, {@link org.hearthmail.mailstore.imap.proto.ArgReader}
 * reads those arguments, {@link org.hearthmail.mailstore.imap.proto.ResponseBuilder} writes responses.
 *
 * <p>Invariants: the parser never holds more than {@link org.hearthmail.mailstore.imap.proto.ParserLimits}
 * allow per command (line octets, literal octets, nesting, argument count); a literal over its
 * limit is refused before any of its octets are read (a synchronizing one is never invited, a
 * non-synchronizing one is skipped or the connection closed); after a rejected command the
 * parser resynchronizes at the next line, so the connection stays usable. Strings leave the
 * server as quoted strings only when they contain no CR, LF, NUL or 8-bit octet; otherwise as
 * literals.
 */
package org.hearthmail.mailstore.imap.proto;
