package org.hearthmail.smtp.server.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.SmtpException;

/**
 * The parameters after a MAIL or RCPT path (RFC 5321 §4.1.2):
 * {@code Mail-parameters = esmtp-param *(SP esmtp-param)}, {@code esmtp-param = esmtp-keyword ["=" esmtp-value]}.
 */
final class EsmtpParams {

    private EsmtpParams() {
    }

    /**
     * Keyword (upper case) to value (null when absent). A keyword repeated with the same value is
     * taken once; repeated with a different value it is a syntax error.
     */
    static Map<String, String> parse(String text) throws SmtpException {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            return out;
        }
        for (String p : text.strip().split(" +")) {
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : p.substring(eq + 1);
            // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
            if (!key.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw new SmtpException(Reply.SYNTAX_ERROR.withText("Bad parameter keyword"));
            }
            // esmtp-value = 1*(%d33-60 / %d62-126) (RFC 6531 §3.3 adds UTF-8)
            if (value != null && (value.isEmpty() || value.chars().anyMatch(c -> c < 33 || c == '=' || c == 127))) {
                throw new SmtpException(Reply.SYNTAX_ERROR.withText("Bad value for parameter " + key));
            }
            if (out.containsKey(key)) {
                // An exact repetition changes nothing and is what Python's smtplib sends for
                // send_message(..., mail_options=["SMTPUTF8"]) with a non-ASCII address
                // ("SMTPUTF8 SMTPUTF8"); only a repetition with a different value is ambiguous.
                if (java.util.Objects.equals(out.get(key), value)) {
                    continue;
                }
                throw new SmtpException(Reply.SYNTAX_ERROR.withText("Duplicate parameter " + key));
            }
            out.put(key, value);
        }
        return out;
    }

    /** RFC 3461 §4: xtext = *( xchar / hexchar ); hexchar = "+" 2(%x30-39 / %x41-46). */
    static boolean isXtext(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '+') {
                if (i + 2 >= v.length()) {
                    return false;
                }
                if (!isUpperHex(v.charAt(i + 1)) || !isUpperHex(v.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    static SmtpException unrecognized(String key) {
        return new SmtpException(Reply.PARAMETER_UNRECOGNIZED.withText("Parameter " + key + " not recognized"));
    }

    static SmtpException badValue(String key) {
        return new SmtpException(Reply.SYNTAX_ERROR.withText("Bad value for parameter " + key));
    }
}
