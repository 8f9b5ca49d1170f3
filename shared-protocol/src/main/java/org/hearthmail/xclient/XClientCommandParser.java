package org.hearthmail.xclient;

import static org.hearthmail.xclient.XClientSyntaxException.Problem.BAD_VALUE;
import static org.hearthmail.xclient.XClientSyntaxException.Problem.BAD_XTEXT;
import static org.hearthmail.xclient.XClientSyntaxException.Problem.DUPLICATE_ATTRIBUTE;
import static org.hearthmail.xclient.XClientSyntaxException.Problem.MALFORMED_ATTRIBUTE;
import static org.hearthmail.xclient.XClientSyntaxException.Problem.NO_ATTRIBUTES;
import static org.hearthmail.xclient.XClientSyntaxException.Problem.UNKNOWN_ATTRIBUTE;
import static org.hearthmail.xclient.XClientSyntaxException.quote;

import java.util.EnumSet;
import java.util.Set;

/**
 * Server side: parses the arguments of one XCLIENT command. Pure; no I/O, no DNS.
 *
 * <pre>
 *   xclient-command = XCLIENT 1*( SP attribute-name"="attribute-value )
 *   attribute-value = xtext
 * </pre>
 * (Postfix XCLIENT_README). Names are case-insensitive, as are the special values
 * {@code [UNAVAILABLE]}, {@code [TEMPUNAVAIL]} and the {@code IPV6:} prefix (its Note 2).
 */
public final class XClientCommandParser {

    private XClientCommandParser() {
    }

    /**
     * @param args everything after {@code "XCLIENT "} on the command line, without CRLF
     * @return the attributes this command sent (others absent)
     * @throws XClientSyntaxException for the caller to answer 501 5.5.4 ({@link XClientSyntaxException#reply()})
     */
    public static XClientAttributes parse(String args) throws XClientSyntaxException {
        String trimmed = args == null ? "" : args.strip();
        if (trimmed.isEmpty()) {
            throw new XClientSyntaxException(NO_ATTRIBUTES, "XCLIENT needs at least one attribute=value");
        }
        XClientAttributes.Builder builder = XClientAttributes.builder();
        Set<XClientAttribute> seen = EnumSet.noneOf(XClientAttribute.class);
        for (String pair : trimmed.split("[ \t]+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new XClientSyntaxException(MALFORMED_ATTRIBUTE, "Expected attribute=value, got " + quote(pair));
            }
            String name = pair.substring(0, eq);
            XClientAttribute attribute = XClientAttribute.fromName(name).orElseThrow(() ->
                    new XClientSyntaxException(UNKNOWN_ATTRIBUTE, "Bad XCLIENT attribute name: " + quote(name)));
            if (!seen.add(attribute)) {
                throw new XClientSyntaxException(DUPLICATE_ATTRIBUTE, "Attribute " + attribute + " given twice");
            }
            apply(builder, attribute, decode(attribute, pair.substring(eq + 1)));
        }
        return builder.build();
    }

    private static String decode(XClientAttribute attribute, String xtext) throws XClientSyntaxException {
        try {
            return Xtext.decode(xtext);
        } catch (XtextException e) {
            throw new XClientSyntaxException(BAD_XTEXT, "Bad " + attribute + " xtext: " + e.getMessage());
        }
    }

    private static void apply(XClientAttributes.Builder b, XClientAttribute attribute, String value)
            throws XClientSyntaxException {
        if (AttributeValues.isUnavailable(value)) {
            setUnavailable(b, attribute);
            return;
        }
        if (AttributeValues.isTempUnavailable(value)) {
            if (attribute != XClientAttribute.NAME) {
                throw new XClientSyntaxException(BAD_VALUE, "Bad " + attribute + " syntax: only NAME can be "
                        + AttributeValues.TEMPUNAVAIL);
            }
            b.name(XClientValue.tempUnavailable());
            return;
        }
        switch (attribute) {
            case NAME -> b.name(AttributeValues.checkHostname(value));
            case ADDR -> b.addr(AttributeValues.parseAddress("ADDR", value));
            case PORT -> b.port(AttributeValues.parsePort("PORT", value));
            case PROTO -> b.proto(AttributeValues.parseProto(value));
            case HELO -> b.helo(AttributeValues.checkHelo(value));
            case LOGIN -> b.login(AttributeValues.checkLogin(value));
            case DESTADDR -> b.destAddr(AttributeValues.parseAddress("DESTADDR", value));
            case DESTPORT -> b.destPort(AttributeValues.parsePort("DESTPORT", value));
        }
    }

    private static void setUnavailable(XClientAttributes.Builder b, XClientAttribute attribute) {
        switch (attribute) {
            case NAME -> b.name(XClientValue.unavailable());
            case ADDR -> b.addr(XClientValue.unavailable());
            case PORT -> b.port(XClientValue.unavailable());
            case PROTO -> b.proto(XClientValue.unavailable());
            case HELO -> b.helo(XClientValue.unavailable());
            case LOGIN -> b.login(XClientValue.unavailable());
            case DESTADDR -> b.destAddr(XClientValue.unavailable());
            case DESTPORT -> b.destPort(XClientValue.unavailable());
        }
    }
}
