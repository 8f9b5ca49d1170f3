package org.hearthmail.mailstore.cli;

import org.hearthmail.config.ByteSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes such as {@code 2G}, {@code 500M} or {@code 1048576}; {@code unlimited} is 0. */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        if (value.equalsIgnoreCase("unlimited")) {
            return 0L;
        }
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
