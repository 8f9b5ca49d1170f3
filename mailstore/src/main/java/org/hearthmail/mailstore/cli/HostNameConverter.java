package org.hearthmail.mailstore.cli;

import org.hearthmail.config.HostNames;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Validates a fully qualified domain name given on the command line and returns it as stored:
 * lower case, A-labels for internationalized names ({@code bücher.example} → {@code xn--bcher-kva.example}),
 * no trailing dot. picocli turns a rejection into a usage error naming the option.
 */
public final class HostNameConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        try {
            return HostNames.toAscii(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
