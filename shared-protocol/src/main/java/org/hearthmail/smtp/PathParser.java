package org.hearthmail.smtp;

/**
 * Parses the paths of MAIL and RCPT (RFC 5321 §4.1.2), with UTF-8 local parts and domains when
 * SMTPUTF8 is in use (RFC 6531 §3.3).
 *
 * <pre>
 * Path           = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"
 * Mailbox        = Local-part "@" ( Domain / address-literal )
 * Local-part     = Dot-string / Quoted-string
 * Dot-string     = Atom *("."  Atom)
 * Quoted-string  = DQUOTE *QcontentSMTP DQUOTE
 * Domain         = sub-domain *("." sub-domain)
 * address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
 * </pre>
 */
public final class PathParser {

    /** RFC 5321 §4.5.3.1.1 and §4.5.3.1.2: local part 64 octets, domain 255 octets. */
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 255;
    /** RFC 5321 §4.5.3.1.3: path 256 octets including the angle brackets. */
    public static final int MAX_PATH = 256;

    private PathParser() {
    }

    /** Result of parsing the text after {@code FROM:} or {@code TO:}: the path and the rest. */
    public record Parsed(Mailbox mailbox, String rest) {
        /** True for the null reverse-path {@code <>}. */
        public boolean isNull() {
            return mailbox == null;
        }
    }

    public static final class PathException extends Exception {
        private static final long serialVersionUID = 1L;

        public PathException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code "<" ... ">" [SP params]}. {@code allowNull} admits {@code <>} (MAIL only, §4.1.1.2).
     * Postmaster without a domain (RCPT TO:&lt;Postmaster&gt;, §4.1.1.3) is returned with an empty
     * domain replaced by the caller's; here it is rejected unless {@code postmasterDomain} is given.
     */
    public static Parsed parse(String s, boolean allowNull, String postmasterDomain) throws PathException {
        if (s.isEmpty() || s.charAt(0) != '<') {
            throw new PathException("path must be enclosed in <>");
        }
        int close = findClose(s);
        if (close < 0) {
            throw new PathException("missing closing >");
        }
        String inner = s.substring(1, close);
        String rest = s.substring(close + 1);
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            throw new PathException("parameters must follow the path after a space");
        }
        rest = rest.strip();
        if (close + 1 > MAX_PATH) {
            throw new PathException("path longer than 256 octets");
        }
        if (inner.isEmpty()) {
            if (!allowNull) {
                throw new PathException("null path not allowed here");
            }
            return new Parsed(null, rest);
        }
        // RFC 5321 §4.1.1.3 and Appendix C: source routes are accepted and ignored.
        if (inner.charAt(0) == '@') {
            int colon = inner.indexOf(':');
            if (colon < 0) {
                throw new PathException("bad source route");
            }
            inner = inner.substring(colon + 1);
        }
        if (postmasterDomain != null && inner.equalsIgnoreCase("postmaster")) {
            return new Parsed(new Mailbox("postmaster", postmasterDomain), rest);
        }
        return new Parsed(mailbox(inner), rest);
    }

    private static int findClose(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    public static Mailbox mailbox(String s) throws PathException {
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw new PathException("address must be local-part@domain");
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        checkLocalPart(local);
        checkDomain(domain);
        return new Mailbox(local, domain);
    }

    private static void checkLocalPart(String local) throws PathException {
        if (utf8Length(local) > MAX_LOCAL_PART) {
            throw new PathException("local part longer than 64 octets");
        }
        if (local.charAt(0) == '"') {
            if (local.length() < 2 || local.charAt(local.length() - 1) != '"') {
                throw new PathException("unterminated quoted local part");
            }
            for (int i = 1; i < local.length() - 1; i++) {
                char c = local.charAt(i);
                if (c == '\\') {
                    i++;
                    if (i >= local.length() - 1 || local.charAt(i) < 32 || local.charAt(i) == 127) {
                        throw new PathException("bad quoted-pair in local part");
                    }
                } else if (c == '"' || c < 32 || c == 127) {
                    throw new PathException("bad character in quoted local part");
                }
            }
            return;
        }
        for (String atom : local.split("\\.", -1)) {
            if (atom.isEmpty()) {
                throw new PathException("empty atom in local part (leading, trailing or double dot)");
            }
            for (int i = 0; i < atom.length(); i++) {
                if (!isAtext(atom.charAt(i))) {
                    throw new PathException("character not allowed in local part: " + printable(atom.charAt(i)));
                }
            }
        }
    }

    private static void checkDomain(String domain) throws PathException {
        if (utf8Length(domain) > MAX_DOMAIN) {
            throw new PathException("domain longer than 255 octets");
        }
        if (domain.charAt(0) == '[') {
            if (domain.charAt(domain.length() - 1) != ']') {
                throw new PathException("unterminated address literal");
            }
            String lit = domain.substring(1, domain.length() - 1);
            if (lit.regionMatches(true, 0, "IPv6:", 0, 5)) {
                if (!lit.substring(5).matches("[0-9A-Fa-f:.]+") || !lit.substring(5).contains(":")) {
                    throw new PathException("bad IPv6 address literal");
                }
            } else if (!lit.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
                throw new PathException("bad IPv4 address literal");
            }
            return;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new PathException("bad domain label length");
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                throw new PathException("domain label must not begin or end with '-'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                        || (c >= 0x80 && Character.isLetterOrDigit(c)) || Character.isSurrogate(c) || (c >= 0x80 && Character.getType(c) == Character.NON_SPACING_MARK);
                if (!ok) {
                    throw new PathException("character not allowed in domain: " + printable(c));
                }
            }
        }
    }

    /** RFC 5322 §3.2.3 atext, plus UTF-8 non-ASCII (RFC 6531 §3.3 extends atext with UTF8-non-ascii). */
    private static boolean isAtext(char c) {
        if (c >= 0x80) {
            return !Character.isISOControl(c) && !Character.isWhitespace(c);
        }
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static String printable(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
