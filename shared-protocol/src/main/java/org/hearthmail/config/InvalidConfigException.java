package org.hearthmail.config;

/**
 * {@code mailstore.toml} cannot be used. The message names the file, then the key (or the line,
 * for a syntax error) and what is wrong, e.g.
 * {@code mailstore.toml: intake.listen: "10.0.0.1:99999" is not host:port (port 1-65535)}.
 */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
