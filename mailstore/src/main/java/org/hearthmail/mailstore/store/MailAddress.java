package org.hearthmail.mailstore.store;

import java.util.Locale;

/**
 * A parsed {@code local@domain} address as used for account lookup. Both parts are compared case
 * insensitively here: RFC 5321 §2.4 lets a host treat local parts as case-sensitive, but also says
 * mailbox names SHOULD be treated case-insensitively for interoperability, which is what we do.
 */
public record MailAddress(String localPart, String domain) {

    /** RFC 5321 §4.5.3.1.1: local part at most 64 octets; §4.5.3.1.2: domain at most 255. */
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 255;

    public MailAddress {
        localPart = normalizeLocal(localPart);
        domain = normalizeDomain(domain);
    }

    /**
     * Parses {@code local@domain}, optionally in angle brackets. The split is at the last
     * {@code @} because a quoted local part may itself contain one (RFC 5321 §4.1.2).
     *
     * @throws InvalidAddressException if it is not of that form
     */
    public static MailAddress parse(String address) {
        if (address == null) {
            throw new InvalidAddressException("address is missing");
        }
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            throw new InvalidAddressException("not a local@domain address: " + printable(address));
        }
        return new MailAddress(a.substring(0, at), a.substring(at + 1));
    }

    public static String normalizeLocal(String local) {
        if (local == null || local.isEmpty() || local.length() > MAX_LOCAL || hasControlOrSpace(local)) {
            throw new InvalidAddressException("invalid local part: " + printable(local));
        }
        return local.toLowerCase(Locale.ROOT);
    }

    public static String normalizeDomain(String domain) {
        if (domain == null) {
            throw new InvalidAddressException("domain is missing");
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.length() > MAX_DOMAIN || hasControlOrSpace(d) || d.indexOf('@') >= 0
                || d.startsWith(".") || d.contains("..")) {
            throw new InvalidAddressException("invalid domain: " + printable(domain));
        }
        return d;
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }

    private static boolean hasControlOrSpace(String s) {
        return s.chars().anyMatch(c -> c <= 0x20 || c == 0x7f);
    }

    private static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
