package org.hearthmail.authres;

/** RFC 2045 §5.1 token / RFC 5322 quoted-string encoding of values (RFC 8601 §2.2 "value"). */
final class AuthResValues {
    // RFC 2045 §5.1: tspecials
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private AuthResValues() { }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F || TSPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A token as is, anything else as a quoted-string; non-printable characters are dropped. */
    static String value(String s) {
        if (isToken(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                continue;
            }
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /**
     * RFC 8601 §2.2 pvalue: an address {@code local@domain} may be written bare when its local-part
     * is a dot-atom; otherwise only the domain is given (§2.7.2 allows either for smtp.mailfrom).
     */
    static String address(String addr) {
        int at = addr.lastIndexOf('@');
        if (at < 0) {
            return value(addr);
        }
        String local = addr.substring(0, at);
        String domain = addr.substring(at + 1);
        if (local.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
                && domain.matches("[A-Za-z0-9.-]+")) {
            return local + "@" + domain;
        }
        return value(domain);
    }
}
