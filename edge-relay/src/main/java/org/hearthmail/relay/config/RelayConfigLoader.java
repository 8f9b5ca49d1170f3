package org.hearthmail.relay.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearthmail.config.HostNames;
import org.hearthmail.config.HostPort;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.config.TomlDocument;
import org.hearthmail.config.TomlTable;
import org.hearthmail.relay.checks.AuthPolicy;

/** Reads and validates {@code relay.toml}. */
public final class RelayConfigLoader {

    private static final String FILE = RelayConfig.FILE_NAME;
    private static final Map<String, List<String>> SCHEMA = new LinkedHashMap<>();

    static {
        SCHEMA.put("", List.of("hostname", "domains", "inbound", "mailstore", "tls", "log", "auth", "dns", "gate", "passthrough", "spool",
                "outbound", "tunnel"));
        SCHEMA.put("outbound", List.of("listen", "credentials", "cert", "key", "retry_initial", "retry_max", "give_up_after",
                "scan_interval", "concurrency", "destination_concurrency", "mx_port", "allow_local_mx"));
        SCHEMA.put("tunnel", TunnelSection.KEYS);
        SCHEMA.put("gate", concat(List.of("enabled", "pregreet_delay", "dns_lists", "threshold", "fcrdns", "fcrdns_weight"),
                EdgeSections.LIMIT_KEYS));
        SCHEMA.put("passthrough", concat(List.of("routes"), EdgeSections.LIMIT_KEYS));
        SCHEMA.put("spool", List.of("mailstore_key", "max_bytes", "recipient_cache", "recipient_cache_salt", "retry_max",
                "recipient_cache_max_age"));
        SCHEMA.put("inbound", List.of("listen", "max_message_size"));
        SCHEMA.put("mailstore", List.of("intake", "command_timeout", "commit_timeout"));
        SCHEMA.put("tls", List.of("cert", "key"));
        SCHEMA.put("log", List.of("retention_days", "addresses"));
        SCHEMA.put("auth", List.of("authserv_id", "policy"));
        SCHEMA.put("dns", List.of("resolver"));
    }

    private RelayConfigLoader() {
    }

    /** Reads {@code relay.toml} in {@code dataDir} and checks that the files it names exist. */
    public static RelayConfig load(Path dataDir) {
        RelayConfig c = parse(TomlDocument.read(dataDir.resolve(FILE), FILE,
                "is this a relay data directory set up by 'edge-relay init'?"));
        TomlDocument.requireFile(FILE, dataDir, "tls.cert", c.tls().certificateIn(dataDir));
        TomlDocument.requireFile(FILE, dataDir, "tls.key", c.tls().privateKeyIn(dataDir));
        if (c.outbound().listen().isPresent()) {
            TomlDocument.requireFile(FILE, dataDir, "outbound.credentials", c.outbound().credentialsIn(dataDir));
        }
        if (c.outbound().certificate().isPresent()) {
            TomlDocument.requireFile(FILE, dataDir, "outbound.cert", dataDir.resolve(c.outbound().certificate().get()));
            TomlDocument.requireFile(FILE, dataDir, "outbound.key", dataDir.resolve(c.outbound().privateKey().get()));
        }
        if (c.tunnel().isPresent()) {
            TomlDocument.requireFile(FILE, dataDir, "tunnel.private_key", dataDir.resolve(c.tunnel().get().privateKey()));
            TomlDocument.requireFile(FILE, dataDir, "tunnel.preshared_key", dataDir.resolve(c.tunnel().get().presharedKey()));
        }
        return c;
    }

    public static RelayConfig parse(String text) {
        TomlTable top = TomlDocument.parse(text, FILE, SCHEMA);
        String hostname = top.hostName("hostname").orElseThrow(() -> top.error("hostname", "missing (the relay's MX name, e.g. mx.example.org)"));
        List<String> domains = new ArrayList<>();
        for (String d : top.strings("domains").orElseThrow(() -> top.error("domains", "missing (the mail domains, e.g. [\"example.org\"])"))) {
            try {
                domains.add(HostNames.toAscii(d));
            } catch (IllegalArgumentException e) {
                throw top.error("domains", e.getMessage());
            }
        }
        if (domains.isEmpty()) {
            throw top.error("domains", "must name at least one mail domain");
        }
        TomlTable in = top.table("inbound");
        long size = in.size("max_message_size").orElse(RelayConfig.Inbound.DEFAULT.maxMessageSize());
        if (size < RelayConfig.Inbound.MIN_MESSAGE_SIZE || size > RelayConfig.Inbound.MAX_MESSAGE_SIZE) {
            throw in.error("max_message_size", size + " bytes is out of range (64K to 2G)");
        }
        RelayConfig.Inbound inbound = new RelayConfig.Inbound(in.hostPort("listen").orElse(RelayConfig.Inbound.DEFAULT.listen()), size);
        RelayConfig.Mailstore mailstore = EdgeSections.mailstore(top.table("mailstore"));
        TomlTable tls = top.table("tls");
        RelayConfig.Tls t = new RelayConfig.Tls(tls.relativePath("cert").orElse(RelayConfig.Tls.DEFAULT.certificate()),
                tls.relativePath("key").orElse(RelayConfig.Tls.DEFAULT.privateKey()));
        TomlTable log = top.table("log");
        long days = log.integer("retention_days").orElse((long) RelayConfig.Log.DEFAULT.retentionDays());
        if (days < 1 || days > 3650) {
            throw log.error("retention_days", days + " is out of range (1 to 3650 days)");
        }
        String addr = log.string("addresses").orElse(RelayConfig.Log.DEFAULT.addresses().keyword());
        org.hearthmail.log.AddressLogging addresses = org.hearthmail.log.AddressLogging.of(addr).orElseThrow(() ->
                log.error("addresses", "\"" + addr + "\" is not one of \"full\", \"domain\", \"hashed\""));
        return new RelayConfig(hostname, domains, inbound, mailstore, t, new RelayConfig.Log((int) days, addresses),
                auth(top.table("auth"), hostname), new RelayConfig.Dns(top.table("dns").hostPort("resolver")),
                EdgeSections.gate(top.table("gate")), EdgeSections.passthrough(top.table("passthrough")),
                EdgeSections.spool(top.table("spool")), outbound(top.table("outbound")),
                top.raw("tunnel").isPresent() ? Optional.of(TunnelSection.parse(top.table("tunnel"))) : Optional.empty());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static RelayConfig.Auth auth(TomlTable t, String hostname) {
        // RFC 8601 §2.5: the authserv-id names the receiving ADMD; the relay's host name by default,
        // which is also the mailstore's default (its MX name).
        String id = t.hostName("authserv_id").orElse(hostname);
        String keyword = t.string("policy").orElse(AuthPolicy.REJECT.keyword());
        AuthPolicy policy = AuthPolicy.of(keyword).orElseThrow(() -> t.error("policy",
                "\"" + keyword + "\" is not one of \"reject\", \"quarantine\", \"tag\""));
        return new RelayConfig.Auth(id, policy);
    }

    /**
     * The DNS server to ask: {@code dns.resolver}, else the first nameserver in {@code resolvConf}.
     *
     * @throws InvalidConfigException if neither names one
     */
    public static HostPort resolver(RelayConfig config, Path resolvConf) {
        if (config.dns().resolver().isPresent()) {
            return config.dns().resolver().get();
        }
        Optional<HostPort> system = ResolvConf.firstNameserver(resolvConf);
        return system.orElseThrow(() -> new InvalidConfigException(FILE + ": dns.resolver: not set, and " + resolvConf
                + " names no usable nameserver; set [dns] resolver = \"IP:port\" (a recursive resolver, e.g. \"127.0.0.1:53\")"));
    }

    private static RelayConfig.Outbound outbound(TomlTable t) {
        Optional<Path> cert = t.relativePath("cert");
        Optional<Path> key = t.relativePath("key");
        if (cert.isPresent() != key.isPresent()) {
            throw t.error(cert.isPresent() ? "key" : "cert", "set cert and key together (or neither, to use [tls]'s)");
        }
        return new RelayConfig.Outbound(t.hostPort("listen"),
                t.relativePath("credentials").orElse(RelayConfig.Outbound.DEFAULT.credentials()), cert, key,
                OutboundSection.delivery(t));
    }
}
