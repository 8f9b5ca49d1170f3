package org.hearthmail.log;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Renders client IPs and mail addresses for log lines as {@link AddressLogging} says. Thread-safe.
 * The mode is process-wide, like the rest of the logging configuration: {@link #configure} once at
 * start (before that, and in tests, {@link AddressLogging#DEFAULT}).
 */
public final class LogPrivacy {
    /** IPv4 /24 and IPv6 /48: the network, usually the provider's, not the host. */
    static final int V4_PREFIX = 24;
    static final int V6_PREFIX = 48;
    private static final int HASH_HEX = 10;

    private static volatile LogPrivacy current = new LogPrivacy(AddressLogging.DEFAULT, Clock.systemUTC());

    private final AddressLogging mode;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private LocalDate keyDay;
    private SecretKeySpec key;

    public LogPrivacy(AddressLogging mode, Clock clock) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static void configure(AddressLogging mode) {
        current = new LogPrivacy(mode, Clock.systemUTC());
    }

    public static LogPrivacy current() {
        return current;
    }

    public AddressLogging mode() {
        return mode;
    }

    /** A client address: whole, its network, or a daily hash. */
    public String ip(InetAddress address) {
        if (address == null) {
            return "-";
        }
        return switch (mode) {
            case FULL -> address.getHostAddress();
            case DOMAIN -> network(address);
            case HASHED -> "h:" + hash(address.getHostAddress());
        };
    }

    /** A mail address ({@code local@domain}; "" is the null reverse-path, RFC 5321 §4.5.5). */
    public String address(String mailbox) {
        if (mailbox == null || mailbox.isEmpty()) {
            return "<>";
        }
        int at = mailbox.lastIndexOf('@');
        String domain = at < 0 ? "" : mailbox.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case FULL -> mailbox;
            case DOMAIN -> "@" + domain;
            case HASHED -> "h:" + hash(at < 0 ? mailbox : mailbox.substring(0, at)) + "@" + domain;
        };
    }

    static String network(InetAddress address) {
        byte[] raw = address.getAddress();
        int prefix = address instanceof Inet4Address ? V4_PREFIX : V6_PREFIX;
        for (int bit = prefix; bit < raw.length * 8; bit++) {
            raw[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(raw).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized String hash(String value) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(keyDay)) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            key = new SecretKeySpec(k, "HmacSHA256");
            keyDay = today;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(value.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, HASH_HEX);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
