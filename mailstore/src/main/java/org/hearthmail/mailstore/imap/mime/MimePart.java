package org.hearthmail.mailstore.imap.mime;

import java.util.List;

/**
 * One entity of a message and where it lies in the raw bytes. The root is the message itself; a
 * message/rfc822 or message/global part has the encapsulated message in {@code message}, whose
 * offsets point into {@link #messageOctets} (the same bytes, unless the part is encoded).
 *
 * @param headerStart offset of the first header octet
 * @param bodyStart   offset just after the blank line ending the header (= end when there is none)
 * @param end         offset after the last body octet (the CRLF before a boundary is not part of it)
 * @param lines       lines of the body (RFC 3501 §7.4.2 body-fld-lines)
 * @param envelope    rendered ENVELOPE of the encapsulated message, for message/rfc822 parts, else null
 */
public record MimePart(long headerStart, long bodyStart, long end, long lines, String type, String subtype,
                       List<Param> params, String id, String description, String encoding, String md5,
                       String disposition, List<Param> dispositionParams, String language, String location,
                       String envelope, List<MimePart> children, MimePart message) {

    public MimePart {
        params = List.copyOf(params);
        dispositionParams = dispositionParams == null ? null : List.copyOf(dispositionParams);
        children = List.copyOf(children);
    }

    public boolean multipart() {
        return type.equalsIgnoreCase("multipart");
    }

    public long bodySize() {
        return end - bodyStart;
    }

    public boolean text() {
        return type.equalsIgnoreCase("text");
    }

    /**
     * The octets the offsets of {@link #message()} point into: {@code raw} itself, or for a
     * message/global part with a base64 or quoted-printable body the decoded body (RFC 6532 §3.5).
     * {@code raw} holds this part; null when the decoded body cannot be had.
     */
    public byte[] messageOctets(byte[] raw) {
        if (message == null || !EncodedMessage.applies(type, subtype, encoding)) {
            return raw;
        }
        return EncodedMessage.decode(raw, bodyStart, end, encoding);
    }

    public String param(String name) {
        return params.stream().filter(p -> p.name().equalsIgnoreCase(name)).map(Param::value).findFirst().orElse(null);
    }
}
