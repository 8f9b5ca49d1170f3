package org.hearthmail.testsupport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loopback TCP ports for servers a test starts later. The port is chosen below Linux's ephemeral
 * range (net.ipv4.ip_local_port_range, 32768-60999 by default): a port the kernel hands out for
 * "port 0" is also what it gives outgoing connections as their source port, so between the probe
 * and the test's own bind another connection could take it (seen as "Address already in use").
 */
public final class FreePorts {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final int TRIES = 500;
    private static final Pattern QUOTED_LOOPBACK = Pattern.compile("\"127\\.0\\.0\\.1:(\\d{1,5})\"");

    private FreePorts() {
    }

    /**
     * {@code text} (a TOML file) with every quoted {@code "127.0.0.1:PORT"} whose PORT is a key of
     * {@code moves} given the port it maps to, in one pass: a port put in by one move is never
     * matched by another (a chain of {@code String.replace} calls did that whenever a new port began
     * with the digits of a fixed one, e.g. 25269 and 2526).
     */
    public static String move(String text, Map<Integer, Integer> moves) {
        Matcher m = QUOTED_LOOPBACK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Integer to = moves.get(Integer.parseInt(m.group(1)));
            m.appendReplacement(out, Matcher.quoteReplacement(to == null ? m.group() : "\"127.0.0.1:" + to + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A port on 127.0.0.1 that nothing listens on now, outside the ephemeral range. */
    public static int tcp() throws IOException {
        for (int i = 0; i < TRIES; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (BindException taken) {
                // in use: try another
            }
        }
        throw new IOException("no free loopback port between " + LOW + " and " + HIGH + " after " + TRIES + " tries");
    }
}
