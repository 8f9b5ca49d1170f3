package org.hearthmail.mailstore.imap.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The content of a part with its Content-Transfer-Encoding removed, for FETCH BINARY[part] and
 * BINARY.SIZE[part] (RFC 3516 §4.2, RFC 9051 §6.4.5). Base64 and quoted-printable are decoded
 * with Angus Mail; 7bit, 8bit and binary are the content as it stands.
 */
public final class BinaryContent {
    /** RFC 2045 §6.1 identity encodings (and binary, RFC 3030). */
    private static final Set<String> IDENTITY = Set.of("7bit", "8bit", "binary");
    /** RFC 2045 §6.7 and §6.8. */
    private static final Set<String> DECODED = Set.of("base64", "quoted-printable");

    /** What decoding a part gave. */
    public sealed interface Result {
    }

    /** The decoded octets. */
    public record Decoded(byte[] bytes) implements Result {
    }

    /** The message has no such part (FETCH answers NIL). */
    public record NoSuchPart() implements Result {
    }

    /** RFC 3516 §4.2: an encoding the server cannot decode; FETCH fails with NO [UNKNOWN-CTE]. */
    public record UnknownEncoding(String encoding) implements Result {
    }

    /** The part claims an encoding its content breaks (bad base64); FETCH fails with NO [PARSE]. */
    public record Corrupt(String encoding) implements Result {
    }

    private BinaryContent() {
    }

    /**
     * The decoded content of the part {@code part} names. No part numbers means the whole message,
     * which has no transfer encoding of its own: it is returned as it is stored.
     */
    public static Result of(byte[] raw, MimePart root, List<Integer> part) {
        if (part.isEmpty()) {
            return new Decoded(Section.slice(raw, root.headerStart(), root.end()));
        }
        Section.Located at = new Section(part, Section.Kind.ALL, List.of()).locate(raw, root);
        if (at == null) {
            return new NoSuchPart();
        }
        MimePart entity = at.entity();
        byte[] body = Section.slice(at.octets(), entity.bodyStart(), entity.end());
        String encoding = entity.encoding().strip().toLowerCase(Locale.ROOT);
        boolean composite = entity.multipart()
                || (entity.message() != null && !EncodedMessage.applies(entity.type(), entity.subtype(), encoding));
        if (IDENTITY.contains(encoding) || composite) {
            // RFC 2045 §6.4: a composite type has no encoding but 7bit, 8bit or binary (RFC 6532
            // §3.5: message/global may, and is decoded like a leaf).
            return new Decoded(body);
        }
        if (!DECODED.contains(encoding)) {
            return new UnknownEncoding(entity.encoding());
        }
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(body), encoding)) {
            return new Decoded(in.readAllBytes());
        } catch (MessagingException | IOException e) {
            return new Corrupt(entity.encoding());
        }
    }
}
