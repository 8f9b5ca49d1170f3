package org.hearthmail.mailstore.imap.proto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 3501 §5.1.3 modified UTF-7 for mailbox names: printable ASCII stands for itself except
 * {@code &}, which is {@code &-}; other characters are UTF-16 in modified base64 between {@code &}
 * and {@code -} (',' instead of '/', no padding).
 */
public final class MailboxNames {
    private MailboxNames() {
    }

    public static String encode(String name) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                sb.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                sb.append(c);
                i++;
            } else {
                int j = i;
                while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                    j++;
                }
                byte[] utf16 = name.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
                sb.append('&').append(Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ','))
                        .append('-');
                i = j;
            }
        }
        return sb.toString();
    }

    public static String decode(String name) throws ImapSyntaxException {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '&') {
                sb.append(c);
                i++;
                continue;
            }
            int end = name.indexOf('-', i);
            if (end < 0) {
                throw new ImapSyntaxException("mailbox name has an unterminated &-sequence");
            }
            if (end == i + 1) {
                sb.append('&');
            } else {
                try {
                    byte[] utf16 = Base64.getDecoder().decode(name.substring(i + 1, end).replace(',', '/'));
                    if (utf16.length % 2 != 0) {
                        throw new IllegalArgumentException("odd length");
                    }
                    sb.append(StandardCharsets.UTF_16BE.newDecoder().decode(ByteBuffer.wrap(utf16)));
                } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
                    throw new ImapSyntaxException("mailbox name is not valid modified UTF-7");
                }
            }
            i = end + 1;
        }
        return sb.toString();
    }
}
