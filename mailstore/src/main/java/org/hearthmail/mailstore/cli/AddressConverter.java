package org.hearthmail.mailstore.cli;

import org.hearthmail.config.HostNames;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A mailbox address for an account or alias target: {@code local@domain}, returned with the local
 * part in lower case and the domain as A-labels. Local parts are RFC 5321 §4.1.2 Dot-strings
 * (atoms of atext joined by single dots); quoted local parts and non-ASCII local parts (RFC 6531)
 * are refused for accounts, because many clients mishandle them.
 */
public final class AddressConverter implements ITypeConverter<String> {
    // RFC 5322 §3.2.3 atext; RFC 5321 §4.1.2 Dot-string = Atom *("." Atom)
    private static final Pattern DOT_STRING = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    /** RFC 5321 §4.5.3.1.1 */
    private static final int MAX_LOCAL = 64;

    @Override
    public String convert(String value) {
        return normalize(value);
    }

    static String normalize(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            throw new TypeConversionException("'" + value + "' is not an address of the form local@domain");
        }
        return local(value, value.substring(0, at)) + "@" + domain(value, value.substring(at + 1));
    }

    static String local(String value, String local) {
        if (local.length() > MAX_LOCAL) {
            throw new TypeConversionException("'" + value + "': local part longer than " + MAX_LOCAL + " characters");
        }
        if (!DOT_STRING.matcher(local).matches()) {
            throw new TypeConversionException("'" + value + "': local part '" + local + "' must be letters, digits and "
                    + "!#$%&'*+/=?^_`{|}~- joined by single dots (no quotes, spaces or non-ASCII)");
        }
        return local.toLowerCase(Locale.ROOT);
    }

    static String domain(String value, String domain) {
        try {
            return HostNames.toAscii(domain);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
    }

    /** Alias sources: an address, or {@code @domain} for the domain's catch-all. */
    public static final class AliasSource implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.startsWith("@")) {
                return "@" + domain(value, value.substring(1));
            }
            return normalize(value);
        }
    }
}
