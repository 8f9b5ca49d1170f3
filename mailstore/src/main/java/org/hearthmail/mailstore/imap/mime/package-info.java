/**
 * What FETCH shows of a message's structure: MIME entities with their octet offsets
 * ({@link org.hearthmail.mailstore.imap.mime.MimeParser}), ENVELOPE and BODYSTRUCTURE rendering, body
 * sections, and the text form kept in the store's parse cache
 * ({@link org.hearthmail.mailstore.imap.mime.PartCodec}).
 *
 * <p>Invariants: parsing never fails (malformed input becomes text/plain or an empty part) and
 * never recurses deeper than a fixed bound; offsets always lie within the message; the cache
 * form is versioned and read back losslessly, and an unreadable cache entry is simply parsed
 * again. The message is parsed once when it is added: by APPEND, which holds its bytes and commits
 * the results with the message, else by the IMAP server's parse cacher (it subscribes to
 * {@code StoreEvent.MessageAdded}); FETCH reads the rendered forms from memory
 * ({@code imap.command.RenderedCache}), else the store's cache.
 *
 * <p>Header field parameters are parsed here (RFC 2045 §5.1 with RFC 2231); address lists by
 * Angus Mail's {@code InternetAddress}, which the module already depends on, so no second MIME
 * library is needed.
 */
package org.hearthmail.mailstore.imap.mime;
