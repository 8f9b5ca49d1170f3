package org.hearthmail.authres;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the authserv-id of an existing Authentication-Results field (RFC 8601 §2.2), enough to
 * recognise fields that claim to come from this host (§5: such fields from outside are forged and
 * must be removed before adding ours).
 */
public final class AuthResultsParser {
    private AuthResultsParser() { }

    /**
     * @param field the field value, or the whole field starting with "Authentication-Results:"
     * @return the authserv-id, unquoted, or empty if the field is malformed
     */
    public static Optional<String> authservId(String field) {
        String s = field;
        int colon = s.indexOf(':');
        if (colon > 0 && s.substring(0, colon).strip().equalsIgnoreCase(AuthResultsBuilder.FIELD_NAME)) {
            s = s.substring(colon + 1);
        }
        int i = skipCfws(s, 0);
        if (i < 0 || i >= s.length()) {
            return Optional.empty();
        }
        if (s.charAt(i) == '"') {
            StringBuilder sb = new StringBuilder();
            for (int j = i + 1; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == '\\' && j + 1 < s.length()) {
                    sb.append(s.charAt(++j));
                } else if (c == '"') {
                    return sb.length() == 0 ? Optional.empty() : Optional.of(sb.toString());
                } else {
                    sb.append(c);
                }
            }
            return Optional.empty();
        }
        int end = i;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ';'
                && s.charAt(end) != '(') {
            end++;
        }
        String id = s.substring(i, end);
        return AuthResValues.isToken(id) ? Optional.of(id) : Optional.empty();
    }

    /** Whether the field claims {@code ourId} as its authserv-id (case-insensitive, §5). */
    public static boolean claims(String field, String ourId) {
        return authservId(field).map(id -> id.toLowerCase(Locale.ROOT).equals(ourId.toLowerCase(Locale.ROOT)))
                .orElse(false);
    }

    /** Skips whitespace and (nested) comments; returns -1 for an unterminated comment. */
    private static int skipCfws(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '(') {
                int depth = 0;
                for (; i < s.length(); i++) {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        i++;
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        break;
                    }
                }
                if (i >= s.length()) {
                    return -1;
                }
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
