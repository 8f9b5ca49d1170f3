package org.hearthmail.smtp.server.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One server-side SASL exchange. Not thread-safe; one per AUTH command. */
public interface SaslMechanism {

    /** The first step; {@code initial} is the decoded initial response (RFC 4954 §4), or null if none was sent. */
    SaslStep start(byte[] initial);

    /** The next step after a client response. */
    SaslStep next(byte[] response);

    /** A new exchange for a mechanism name, or null if unsupported. */
    static SaslMechanism forName(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> new PlainMechanism();
            case "LOGIN" -> new LoginMechanism();
            default -> null;
        };
    }

    /** Strict UTF-8 (RFC 4616 §2: the message is UTF-8). Returns null for invalid input. */
    static char[] utf8(byte[] bytes, int from, int to) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, to - from));
            char[] out = new char[cb.remaining()];
            cb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
