package org.hearthmail.xclient;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * xtext, RFC 3461 §4:
 * <pre>
 *   xtext   = *( xchar / hexchar )
 *   xchar   = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "="
 *   hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
 * </pre>
 * Text is taken as UTF-8 bytes; each byte outside xchar is written as a hexchar.
 */
public final class Xtext {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Xtext() {
    }

    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isXchar(c)) {
                out.append((char) c);
            } else {
                out.append('+').append(HEX[c >>> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes xtext. Lower-case hex digits are accepted (RFC 3461 asks senders for upper case;
     * being lenient here costs nothing), everything else outside the grammar is refused, and the
     * decoded bytes must be valid UTF-8.
     */
    public static String decode(String xtext) throws XtextException {
        ByteBuffer bytes = ByteBuffer.allocate(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    throw new XtextException("'+' at position " + i + " must be followed by two hex digits");
                }
                int hi = Character.digit(xtext.charAt(i + 1), 16);
                int lo = Character.digit(xtext.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || xtext.charAt(i + 1) > 0x7F || xtext.charAt(i + 2) > 0x7F) {
                    throw new XtextException("'+' at position " + i + " must be followed by two hex digits");
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c < 128 && isXchar(c)) {
                bytes.put((byte) c);
            } else {
                throw new XtextException("character " + describe(c) + " at position " + i + " is not allowed in xtext");
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new XtextException("decoded xtext is not valid UTF-8");
        }
    }

    private static boolean isXchar(int c) {
        return c >= '!' && c <= '~' && c != '+' && c != '=';
    }

    private static String describe(char c) {
        return c >= '!' && c <= '~' ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
