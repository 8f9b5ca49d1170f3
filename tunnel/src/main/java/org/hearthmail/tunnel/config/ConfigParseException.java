package org.hearthmail.tunnel.config;

/** A wg-quick file could not be read; the message names the source, line and key. */
public final class ConfigParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final String key;

    public ConfigParseException(String source, int line, String key, String problem) {
        super(source + " line " + line + (key == null ? "" : ", key '" + key + "'") + ": " + problem);
        this.source = source;
        this.line = line;
        this.key = key;
    }

    public String source() {
        return source;
    }

    /** 1-based line number; 0 when the problem concerns the file as a whole. */
    public int line() {
        return line;
    }

    /** The offending key as written, or null when the problem is not tied to a key. */
    public String key() {
        return key;
    }
}
