package org.hearthmail.relay.gate;

/**
 * How many connections one client may hold and open.
 *
 * @param perAddress      concurrent connections from one IP address
 * @param perNetwork      concurrent connections from one IPv4 /24 or IPv6 /64
 * @param ratePerMinute   new connections per minute from one IP address, sustained (token refill rate)
 * @param burst           new connections from one IP address in a burst (bucket capacity)
 * @param maxTracked      addresses whose rate is tracked at once; beyond, the oldest idle are forgotten
 */
public record ConnectionLimits(int perAddress, int perNetwork, double ratePerMinute, int burst, int maxTracked) {

    public ConnectionLimits {
        if (perAddress < 1 || perNetwork < perAddress) {
            throw new IllegalArgumentException("need 1 <= perAddress <= perNetwork, got " + perAddress + " and " + perNetwork);
        }
        if (!(ratePerMinute > 0) || burst < 1) {
            throw new IllegalArgumentException("ratePerMinute must be positive and burst at least 1");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be positive: " + maxTracked);
        }
    }

    /** A public MX's defaults, in the spirit of Postfix's anvil (smtpd_client_connection_count_limit 50, rate 60/min). */
    public static ConnectionLimits mxDefaults() {
        return new ConnectionLimits(10, 30, 60, 20, 100_000);
    }

    /** Mail clients behind one NAT (a household, an office) open many IMAP connections. */
    public static ConnectionLimits clientPortDefaults() {
        return new ConnectionLimits(40, 100, 120, 60, 100_000);
    }
}
