package org.hearthmail.mailstore.imap.mime;

/** One MIME parameter, RFC 2231 continuations already joined and its value decoded. */
public record Param(String name, String value) {
}
