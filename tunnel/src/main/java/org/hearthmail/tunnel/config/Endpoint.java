package org.hearthmail.tunnel.config;

/**
 * A peer endpoint, {@code host:port} or {@code [v6-address]:port}. The host may be a name; it is
 * resolved only when a backend applies the config (wg(8) does the same).
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("endpoint host is missing or contains spaces");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint port must be 1-65535, got " + port);
        }
    }

    public static Endpoint parse(String text) {
        String t = text.strip();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + t + "' is not [address]:port");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || t.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + t + "' is not host:port (write IPv6 as [address]:port)");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("'" + t + "' has no valid port");
        }
        return new Endpoint(host, Integer.parseInt(port));
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
