package org.hearthmail.relay.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.config.HostPort;
import org.hearthmail.config.TomlTable;
import org.hearthmail.rcptcache.RecipientHasher;
import org.hearthmail.relay.gate.ConnectionLimits;
import org.hearthmail.relay.gate.DnsListZone;
import org.hearthmail.relay.gate.FcrdnsMode;
import org.hearthmail.relay.passthrough.PassthroughRoute;
import org.hearthmail.seal.SealPublicKey;

/** The {@code [gate]}, {@code [passthrough]}, {@code [spool]} and {@code [mailstore]} tables of {@code relay.toml}. */
final class EdgeSections {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m|h|d)");
    private static final Duration MAX_PREGREET = Duration.ofSeconds(60);

    private EdgeSections() {
    }

    /** {@code [mailstore]}: where the intake is and how long the relay waits for it. */
    static RelayConfig.Mailstore mailstore(TomlTable t) {
        RelayConfig.Mailstore d = RelayConfig.Mailstore.DEFAULT;
        Duration command = timeout(t, "command_timeout", d.commandTimeout(), RelayConfig.Mailstore.MAX_COMMAND_TIMEOUT);
        Duration commit = timeout(t, "commit_timeout", d.commitTimeout(), RelayConfig.Mailstore.MAX_COMMIT_TIMEOUT);
        if (commit.compareTo(command) < 0) {
            // The final reply follows an fsync: it never comes sooner than a command's.
            throw t.error("commit_timeout", commit.toMillis() + " ms is shorter than command_timeout ("
                    + command.toMillis() + " ms)");
        }
        return new RelayConfig.Mailstore(t.hostPort("intake").orElse(d.intake()), command, commit);
    }

    private static Duration timeout(TomlTable t, String key, Duration dflt, Duration max) {
        Duration v = t.string(key).map(s -> duration(t, key, s)).orElse(dflt);
        if (v.compareTo(RelayConfig.Mailstore.MIN_TIMEOUT) < 0 || v.compareTo(max) > 0) {
            throw t.error(key, v.toMillis() + " ms is out of range (1s to " + max.toMinutes() + "m)");
        }
        return v;
    }

    static RelayConfig.Gate gate(TomlTable t) {
        RelayConfig.Gate d = RelayConfig.Gate.DEFAULT;
        boolean enabled = t.bool("enabled").orElse(d.enabled());
        Duration pregreet = t.string("pregreet_delay").map(v -> duration(t, "pregreet_delay", v)).orElse(d.pregreetDelay());
        if (pregreet.compareTo(MAX_PREGREET) > 0) {
            throw t.error("pregreet_delay", pregreet.toMillis() + " ms is out of range (0s to 60s)");
        }
        List<DnsListZone> zones = new ArrayList<>();
        for (String z : t.strings("dns_lists").orElse(List.of())) {
            zones.add(zone(t, z));
        }
        long threshold = t.integer("threshold").orElse((long) d.threshold());
        if (threshold < 1 || threshold > 1000) {
            throw t.error("threshold", threshold + " is out of range (1 to 1000)");
        }
        String mode = t.string("fcrdns").orElse(d.fcrdns().name().toLowerCase(Locale.ROOT));
        FcrdnsMode fcrdns = switch (mode) {
            case "off" -> FcrdnsMode.OFF;
            case "score" -> FcrdnsMode.SCORE;
            case "required" -> FcrdnsMode.REQUIRED;
            default -> throw t.error("fcrdns", "\"" + mode + "\" is not one of \"off\", \"score\", \"required\"");
        };
        long weight = t.integer("fcrdns_weight").orElse((long) d.fcrdnsWeight());
        if (weight < 0 || weight > 1000) {
            throw t.error("fcrdns_weight", weight + " is out of range (0 to 1000)");
        }
        return new RelayConfig.Gate(enabled, pregreet, zones, (int) threshold, fcrdns, (int) weight, limits(t, d.limits()));
    }

    /** The connection-limit keys shared by {@code [gate]} (port 25) and {@code [passthrough]} (client ports). */
    static final List<String> LIMIT_KEYS = List.of("max_connections_per_address", "max_connections_per_network",
            "connections_per_minute", "connection_burst");

    private static ConnectionLimits limits(TomlTable t, ConnectionLimits d) {
        int perAddress = bounded(t, "max_connections_per_address", d.perAddress(), 1, 10_000);
        int perNetwork = bounded(t, "max_connections_per_network", d.perNetwork(), 1, 100_000);
        if (perNetwork < perAddress) {
            throw t.error("max_connections_per_network", perNetwork + " is below max_connections_per_address ("
                    + perAddress + "); a network holds at least what one of its addresses may");
        }
        int rate = bounded(t, "connections_per_minute", (int) d.ratePerMinute(), 1, 100_000);
        int burst = bounded(t, "connection_burst", d.burst(), 1, 100_000);
        return new ConnectionLimits(perAddress, perNetwork, rate, burst, d.maxTracked());
    }

    private static int bounded(TomlTable t, String key, int fallback, int min, int max) {
        long v = t.integer(key).orElse((long) fallback);
        if (v < min || v > max) {
            throw t.error(key, v + " is out of range (" + min + " to " + max + ")");
        }
        return (int) v;
    }

    /** {@code "zone=weight"}; RFC 5782 §2.1 names the zone, the weight is ours (negative: allow list). */
    private static DnsListZone zone(TomlTable t, String entry) {
        int eq = entry.lastIndexOf('=');
        if (eq <= 0) {
            throw t.error("dns_lists", "\"" + entry + "\" is not \"zone=weight\", e.g. \"zen.spamhaus.org=2\"");
        }
        try {
            return new DnsListZone(entry.substring(0, eq).strip(), Integer.parseInt(entry.substring(eq + 1).strip()));
        } catch (IllegalArgumentException e) {
            throw t.error("dns_lists", "\"" + entry + "\": " + e.getMessage());
        }
    }

    /** {@code "3s"}, {@code "500ms"}, {@code "1m"}, {@code "4h"}, {@code "5d"}, {@code "0s"}. */
    static Duration duration(TomlTable t, String key, String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            throw t.error(key, "\"" + value + "\" is not a duration such as \"3s\", \"500ms\", \"1m\", \"4h\" or \"5d\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static RelayConfig.Passthrough passthrough(TomlTable t) {
        List<PassthroughRoute> routes = new ArrayList<>();
        java.util.Set<java.net.InetSocketAddress> listens = new java.util.HashSet<>();
        for (String r : t.strings("routes").orElse(List.of())) {
            int eq = r.indexOf('=');
            if (eq <= 0) {
                throw t.error("routes", "\"" + r + "\" is not \"listen=target\", e.g. \"0.0.0.0:993=10.77.0.2:993\"");
            }
            HostPort listen;
            HostPort target;
            try {
                listen = HostPort.parse(r.substring(0, eq).strip());
                target = HostPort.parse(r.substring(eq + 1).strip());
            } catch (IllegalArgumentException e) {
                throw t.error("routes", "\"" + r + "\": " + e.getMessage());
            }
            if (listen.port() != 0 && !listens.add(listen.socketAddress())) {
                throw t.error("routes", "listen address " + listen + " is used twice");
            }
            routes.add(new PassthroughRoute(listen.socketAddress(), target.socketAddress()));
        }
        return new RelayConfig.Passthrough(routes, limits(t, RelayConfig.Passthrough.DEFAULT.limits()));
    }

    static RelayConfig.Spool spool(TomlTable t) {
        RelayConfig.Spool d = RelayConfig.Spool.DEFAULT;
        Optional<SealPublicKey> key = t.string("mailstore_key").map(v -> {
            try {
                return SealPublicKey.fromBase64(v.strip());
            } catch (IllegalArgumentException e) {
                throw t.error("mailstore_key", "not an X25519 public key (32 bytes, base64): " + e.getMessage());
            }
        });
        long max = t.size("max_bytes").orElse(d.maxBytes());
        if (max < RelayConfig.Spool.MIN_BYTES) {
            throw t.error("max_bytes", max + " bytes is too small (at least 1M)");
        }
        Optional<byte[]> salt = t.string("recipient_cache_salt").map(v -> {
            byte[] b;
            try {
                b = Base64.getDecoder().decode(v.strip());
            } catch (IllegalArgumentException e) {
                throw t.error("recipient_cache_salt", "not base64");
            }
            if (b.length < RecipientHasher.MIN_SALT_LENGTH) {
                throw t.error("recipient_cache_salt", "must be at least " + RecipientHasher.MIN_SALT_LENGTH + " bytes");
            }
            return b;
        });
        Duration retryMax = t.string("retry_max").map(v -> duration(t, "retry_max", v)).orElse(d.retryMax());
        if (retryMax.compareTo(Duration.ofSeconds(1)) < 0 || retryMax.compareTo(Duration.ofHours(1)) > 0) {
            throw t.error("retry_max", retryMax.toMillis() + " ms is out of range (1s to 60m)");
        }
        Duration maxAge = t.string("recipient_cache_max_age").map(v -> duration(t, "recipient_cache_max_age", v))
                .orElse(d.recipientCacheMaxAge());
        // The mailstore confirms hourly: under two hours would go stale on one missed push.
        if (maxAge.compareTo(Duration.ofHours(2)) < 0 || maxAge.compareTo(Duration.ofDays(365)) > 0) {
            throw t.error("recipient_cache_max_age", maxAge.toMinutes() + " minutes is out of range (2h to 365d)");
        }
        return new RelayConfig.Spool(key, max, t.relativePath("recipient_cache").orElse(d.recipientCache()), salt, retryMax,
                maxAge);
    }
}
