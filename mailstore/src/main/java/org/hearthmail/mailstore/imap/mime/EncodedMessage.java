package org.hearthmail.mailstore.imap.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A message/global part with a base64 or quoted-printable transfer encoding. RFC 6532 §3.5 lifts
 * RFC 2046's rule that an encapsulated message is 7bit, 8bit or binary for message/global, and
 * RFC 9051 §7.5.2 describes a message/global part like message/rfc822 (envelope, body structure,
 * lines): so the message inside is the decoded body, and the offsets of its part tree point into
 * those decoded octets, not into the stored message.
 */
final class EncodedMessage {
    private EncodedMessage() {
    }

    /** True when a part of this type and transfer encoding holds its message encoded. */
    static boolean applies(String type, String subtype, String encoding) {
        if (!"message".equalsIgnoreCase(type) || !"global".equalsIgnoreCase(subtype) || encoding == null) {
            return false;
        }
        String e = encoding.strip().toLowerCase(Locale.ROOT);
        return e.equals("base64") || e.equals("quoted-printable");
    }

    /** The decoded octets of {@code raw[start, end)}, or null when the encoding is broken. */
    static byte[] decode(byte[] raw, long start, long end, String encoding) {
        byte[] body = Section.slice(raw, start, end);
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(body), encoding.strip().toLowerCase(Locale.ROOT))) {
            return in.readAllBytes();
        } catch (MessagingException | IOException e) {
            return null; // shown as an opaque part, as any part whose content cannot be read
        }
    }
}
