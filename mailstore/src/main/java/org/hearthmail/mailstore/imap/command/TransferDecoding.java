package org.hearthmail.mailstore.imap.command;

import jakarta.mail.MessagingException;
import jakarta.mail.util.StreamProvider;
import java.io.InputStream;
import java.util.Locale;

/**
 * Undoes a Content-Transfer-Encoding (RFC 2045 §6) with Angus Mail's decoders, exactly as
 * {@code MimeUtility.decode} does, but looks the stream provider up once: {@code MimeUtility}
 * asks the service loader on every call, which cost more than the decoding in a full-text SEARCH.
 */
final class TransferDecoding {
    private TransferDecoding() {
    }

    /** @throws MessagingException for an encoding RFC 2045 §6.1 does not define (as MimeUtility) */
    static InputStream decode(InputStream in, String encoding) throws MessagingException {
        StreamProvider p = Provider.INSTANCE;
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "base64" -> p.inputBase64(in);
            case "quoted-printable" -> p.inputQP(in);
            case "uuencode", "x-uuencode", "x-uue" -> p.inputUU(in);
            case "binary", "7bit", "8bit" -> p.inputBinary(in);
            default -> throw new MessagingException("Unknown encoding: " + encoding);
        };
    }

    /** Looked up on first use, then kept (the provider is stateless). */
    private static final class Provider {
        static final StreamProvider INSTANCE = StreamProvider.provider();
    }
}
