package org.hearthmail.mailstore.cli;

import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Validates a fully qualified domain name given on the command line and returns it in lower case
 * without a trailing dot. picocli turns a rejection into a usage error naming the option.
 */
public final class HostNameConverter implements ITypeConverter<String> {

    // RFC 1035 §2.3.4 and RFC 1123 §2.1: labels of letters, digits and hyphens, 1..63 octets,
    // not starting or ending with a hyphen (a leading digit is allowed).
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    @Override
    public String convert(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        // RFC 1035 §2.3.4: 255 octets on the wire, i.e. at most 253 characters in text form.
        if (name.isEmpty() || name.length() > 253) {
            throw new TypeConversionException("'" + value + "' is not a domain name (1..253 characters)");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new TypeConversionException("'" + value + "' is not a fully qualified domain name (need a dot)");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new TypeConversionException("'" + value + "' is not a domain name: label '" + label
                        + "' must be 1..63 letters, digits or inner hyphens");
            }
        }
        return name;
    }
}
