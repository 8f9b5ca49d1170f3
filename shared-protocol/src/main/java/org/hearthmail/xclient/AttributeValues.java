package org.hearthmail.xclient;

import static org.hearthmail.xclient.XClientSyntaxException.Problem.BAD_ADDRESS;
import static org.hearthmail.xclient.XClientSyntaxException.Problem.BAD_PORT;
import static org.hearthmail.xclient.XClientSyntaxException.Problem.BAD_VALUE;
import static org.hearthmail.xclient.XClientSyntaxException.quote;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Syntax of the decoded (non-xtext) attribute values, shared by the parser and the encoder. */
final class AttributeValues {

    static final String UNAVAILABLE = "[UNAVAILABLE]";
    static final String TEMPUNAVAIL = "[TEMPUNAVAIL]";
    /** Postfix XCLIENT_README: "an IPv6 address prefixed with IPV6:" (case-insensitive, Note 2). */
    static final String IPV6_PREFIX = "IPV6:";
    /** Postfix XCLIENT_README Note 1: NAME and HELO values can be up to 255 characters. */
    static final int MAX_NAME_LENGTH = 255;
    /**
     * Our limit on a value's xtext form, so that any single attribute fits one 512-octet command
     * ("XCLIENT DESTADDR=" + 480 + CRLF = 499): xtext can triple a value's length.
     */
    static final int MAX_XTEXT_LENGTH = 480;

    private AttributeValues() {
    }

    static InetAddress parseAddress(String attribute, String value) throws XClientSyntaxException {
        InetAddress address = null;
        if (value.regionMatches(true, 0, IPV6_PREFIX, 0, IPV6_PREFIX.length())) {
            String literal = value.substring(IPV6_PREFIX.length());
            if (literal.indexOf('[') < 0 && literal.indexOf('%') < 0 && NetUtil.isValidIpV6Address(literal)) {
                address = NetUtil.createInetAddressFromIpAddressString(literal);
            }
        } else if (NetUtil.isValidIpV4Address(value)) {
            address = NetUtil.createInetAddressFromIpAddressString(value);
        }
        if (address == null) {
            throw new XClientSyntaxException(BAD_ADDRESS, "Bad " + attribute + " syntax: " + quote(value)
                    + " (expected an IPv4 address, IPV6:address or [UNAVAILABLE])");
        }
        return address;
    }

    static String formatAddress(InetAddress address) {
        return address instanceof Inet6Address ? IPV6_PREFIX + NetUtil.toAddressString(address)
                : NetUtil.toAddressString(address);
    }

    static int parsePort(String attribute, String value) throws XClientSyntaxException {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65535) {
            throw new XClientSyntaxException(BAD_PORT, "Bad " + attribute + " syntax: " + quote(value)
                    + " (expected a port number 0..65535 or [UNAVAILABLE])");
        }
        return Integer.parseInt(value);
    }

    static XClientProto parseProto(String value) throws XClientSyntaxException {
        for (XClientProto proto : XClientProto.values()) {
            if (proto.name().equalsIgnoreCase(value)) {
                return proto;
            }
        }
        throw new XClientSyntaxException(BAD_VALUE, "Bad PROTO syntax: " + quote(value) + " (expected SMTP or ESMTP)");
    }

    /** A DNS hostname: letters, digits, '-' and '_' in dot-separated labels of 1..63, at most 255 in all. */
    static String checkHostname(String value) throws XClientSyntaxException {
        boolean ok = !value.isEmpty() && value.length() <= MAX_NAME_LENGTH;
        if (ok) {
            for (String label : value.split("\\.", -1)) {
                ok &= !label.isEmpty() && label.length() <= 63 && label.matches("[A-Za-z0-9_-]+")
                        && !label.startsWith("-") && !label.endsWith("-");
            }
        }
        if (!ok) {
            throw new XClientSyntaxException(BAD_VALUE, "Bad NAME syntax: " + quote(value)
                    + " (expected a hostname, [UNAVAILABLE] or [TEMPUNAVAIL])");
        }
        return value;
    }

    /** A HELO/EHLO argument: 1..255 printable ASCII characters without spaces (xtext form <= 480). */
    static String checkHelo(String value) throws XClientSyntaxException {
        if (value.isEmpty() || value.length() > MAX_NAME_LENGTH || !value.chars().allMatch(c -> c > ' ' && c <= '~')
                || Xtext.encode(value).length() > MAX_XTEXT_LENGTH) {
            throw new XClientSyntaxException(BAD_VALUE, "Bad HELO syntax: " + quote(value)
                    + " (expected 1..255 printable characters, at most 480 as xtext, or [UNAVAILABLE])");
        }
        return value;
    }

    /** A SASL login name: 1..255 UTF-8 bytes, no control characters (xtext form <= 480). */
    static String checkLogin(String value) throws XClientSyntaxException {
        boolean ok = !value.isEmpty() && value.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_LENGTH
                && value.codePoints().noneMatch(Character::isISOControl)
                && Xtext.encode(value).length() <= MAX_XTEXT_LENGTH;
        if (!ok) {
            throw new XClientSyntaxException(BAD_VALUE, "Bad LOGIN syntax: " + quote(value)
                    + " (expected 1..255 bytes, at most 480 as xtext, without control characters, or [UNAVAILABLE])");
        }
        return value;
    }

    static boolean isUnavailable(String value) {
        return value.toUpperCase(Locale.ROOT).equals(UNAVAILABLE);
    }

    static boolean isTempUnavailable(String value) {
        return value.toUpperCase(Locale.ROOT).equals(TEMPUNAVAIL);
    }
}
