package org.hearthmail.xclient;

import java.util.ArrayList;
import java.util.List;

/**
 * Client side: the XCLIENT command lines that convey a set of attributes.
 *
 * <p>Postfix XCLIENT_README Note 1: a command must not exceed the 512-character SMTP command
 * limit (RFC 5321 §4.5.3.1.4, CRLF included), so long sets are split over several commands, and
 * NAME and ADDR go last: once the server applies a new ADDR (or NAME) it re-runs its access
 * checks with it, and the client is usually no longer authorised to send XCLIENT.
 */
public final class XClientCommands {

    /** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 512;
    private static final String VERB = "XCLIENT";
    private static final int CRLF = 2;

    private XClientCommands() {
    }

    public static List<String> encode(XClientAttributes attributes) {
        return encode(attributes, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * @param maxLineLength the longest allowed line including CRLF
     * @return command lines without CRLF, in sending order, NAME and ADDR together in the last one;
     *         empty when no attribute is set
     * @throws IllegalArgumentException if one attribute (or NAME and ADDR together) cannot fit a line
     */
    public static List<String> encode(XClientAttributes attributes, int maxLineLength) {
        int budget = maxLineLength - CRLF;
        List<String> early = new ArrayList<>();
        for (XClientAttribute a : List.of(XClientAttribute.HELO, XClientAttribute.PROTO, XClientAttribute.LOGIN,
                XClientAttribute.DESTADDR, XClientAttribute.DESTPORT, XClientAttribute.PORT)) {
            token(a, attributes.value(a), early);
        }
        List<String> last = new ArrayList<>();
        token(XClientAttribute.NAME, attributes.name(), last);
        token(XClientAttribute.ADDR, attributes.addr(), last);

        List<StringBuilder> lines = new ArrayList<>();
        for (String t : early) {
            StringBuilder current = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (current == null || current.length() + 1 + t.length() > budget) {
                lines.add(newLine(t, budget));
            } else {
                current.append(' ').append(t);
            }
        }
        if (!last.isEmpty()) {
            String group = String.join(" ", last);
            StringBuilder current = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (current != null && current.length() + 1 + group.length() <= budget) {
                current.append(' ').append(group);
            } else {
                lines.add(newLine(group, budget));
            }
        }
        return lines.stream().map(StringBuilder::toString).toList();
    }

    private static StringBuilder newLine(String tokens, int budget) {
        StringBuilder line = new StringBuilder(VERB).append(' ').append(tokens);
        if (line.length() > budget) {
            throw new IllegalArgumentException("XCLIENT " + tokens.substring(0, Math.min(tokens.length(), 40))
                    + "... needs " + (line.length() + CRLF) + " octets, more than the line limit "
                    + (budget + CRLF));
        }
        return line;
    }

    private static void token(XClientAttribute attribute, XClientValue<?> value, List<String> out) {
        String text;
        if (value instanceof XClientValue.Absent) {
            return;
        } else if (value instanceof XClientValue.Unavailable) {
            text = AttributeValues.UNAVAILABLE;
        } else if (value instanceof XClientValue.TempUnavailable) {
            text = AttributeValues.TEMPUNAVAIL;
        } else {
            text = format(((XClientValue.Known<?>) value).value());
        }
        out.add(attribute.name() + "=" + Xtext.encode(text));
    }

    private static String format(Object value) {
        if (value instanceof java.net.InetAddress address) {
            return AttributeValues.formatAddress(address);
        }
        return value.toString();
    }
}
