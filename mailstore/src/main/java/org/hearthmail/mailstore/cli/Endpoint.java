package org.hearthmail.mailstore.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The relay's public WireGuard endpoint, {@code HOST:PORT} or {@code [IPv6]:PORT}, as given to
 * {@code mailstore relay bundle --endpoint}. Only the syntax is checked; nothing is resolved.
 */
public record Endpoint(String host, int port) {

    private static final Pattern FORM = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]\\s]+)):(\\d{1,5})");

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("endpoint host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint port must be 1..65535, was " + port);
        }
    }

    /** Parses {@code HOST:PORT}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static Endpoint parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT or [IPv6]:PORT");
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        return new Endpoint(host, Integer.parseInt(m.group(3)));
    }

    /** wg-quick form: IPv6 addresses in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** picocli converter; rejections become usage errors that name the option. */
    public static final class Converter implements ITypeConverter<Endpoint> {
        @Override
        public Endpoint convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
