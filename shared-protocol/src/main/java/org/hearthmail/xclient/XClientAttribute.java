package org.hearthmail.xclient;

import java.util.Locale;
import java.util.Optional;

/** Attribute names of the XCLIENT command (Postfix XCLIENT_README); matched case-insensitively. */
public enum XClientAttribute {
    NAME, ADDR, PORT, PROTO, HELO, LOGIN, DESTADDR, DESTPORT;

    public static Optional<XClientAttribute> fromName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (XClientAttribute a : values()) {
            if (a.name().equals(upper)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
