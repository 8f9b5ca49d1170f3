package org.hearthmail.mailstore.config;

import org.hearthmail.config.HostNames;
import org.hearthmail.config.ByteSize;
import org.hearthmail.config.HostPort;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.config.TomlDocument;
import org.hearthmail.config.TomlTable;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.proxy.InvalidCidrException;

/**
 * Reads and validates {@code mailstore.toml}. Every rule has its own error message naming the file
 * and the key; unknown keys are errors (they are nearly always typos); a syntax error names the
 * line. Missing optional keys take the defaults of {@link MailstoreConfig}.
 */
public final class ConfigLoader {
    private static final String FILE = MailstoreConfig.FILE_NAME;

    /** Allowed keys per table; "" is the top level. Order is the order of the documentation. */
    private static final Map<String, List<String>> SCHEMA = new LinkedHashMap<>();

    static {
        SCHEMA.put("", List.of("hostname", "mx_host", "intake", "tls", "auth_results", "delivery", "log", "submission", "imap",
                "relay", "tunnel"));
        SCHEMA.put("tunnel", List.of("interface", "address", "private_key", "keepalive", "stale_after", "down_after"));
        SCHEMA.put("intake", List.of("listen", "relay_addresses", "max_message_size"));
        SCHEMA.put("tls", List.of("cert", "key"));
        SCHEMA.put("auth_results", List.of("authserv_id"));
        SCHEMA.put("delivery", List.of("junk_on", "subaddress_separator", "folder_delivery"));
        SCHEMA.put("log", List.of("retention_days", "addresses"));
        SCHEMA.put("imap", List.of("listen_starttls", "listen_tls", "proxy_from"));
        SCHEMA.put("submission", List.of("listen_starttls", "listen_tls", "proxy_from", "strip_headers",
                "max_message_size"));
        SCHEMA.put("relay", List.of("outbound", "credentials", "tls_fingerprint"));
    }

    // RFC 5322 §3.2.3 atext without letters, digits and '.': a separator must itself be legal in a
    // dot-atom local part, yet never be part of an ordinary name.
    private static final String SEPARATORS = "!#$%&'*+-/=?^_`{|}~";

    private ConfigLoader() {
    }

    /**
     * Reads {@code mailstore.toml} in {@code dataDir} and checks that the files it names exist.
     *
     * @throws InvalidConfigException if it is missing, unreadable or invalid
     */
    public static MailstoreConfig load(Path dataDir) {
        String text = TomlDocument.read(dataDir.resolve(FILE), FILE, "is this a data directory made by 'mailstore init'?");
        MailstoreConfig config = parse(text);
        TomlDocument.requireFile(FILE, dataDir, "tls.cert", config.tls().certificateIn(dataDir));
        TomlDocument.requireFile(FILE, dataDir, "tls.key", config.tls().privateKeyIn(dataDir));
        return config;
    }

    /**
     * Parses and validates the text of a {@code mailstore.toml}; does not look at the file system.
     *
     * @throws InvalidConfigException naming the key (or line) at fault
     */
    public static MailstoreConfig parse(String text) {
        TomlTable top = TomlDocument.parse(text, FILE, SCHEMA);

        String mxHost = hostName(top, "mx_host", "the public MX name, e.g. mx.example.org");
        String hostname = hostName(top, "hostname", "this mailstore's name, e.g. mx.example.org");
        return new MailstoreConfig(hostname, mxHost, intake(top.table("intake")), tls(top.table("tls")),
                authResults(top.table("auth_results"), mxHost), delivery(top.table("delivery")), log(top.table("log")),
                submission(top.table("submission")), relay(top.table("relay")), imap(top.table("imap")),
                top.raw("tunnel").isPresent() ? java.util.Optional.of(tunnel(top.table("tunnel"))) : java.util.Optional.empty());
    }

    private static String hostName(TomlTable t, String key, String hint) {
        return t.hostName(key).orElseThrow(() -> t.error(key, "missing (" + hint + ")"));
    }

    private static MailstoreConfig.Intake intake(TomlTable t) {
        MailstoreConfig.Intake d = MailstoreConfig.Intake.DEFAULT;
        HostPort listen = t.hostPort("listen").orElse(d.listen());
        CidrSet relays = cidrs(t, "relay_addresses", d.relayAddresses());
        long size = messageSize(t, d.maxMessageSize());
        return new MailstoreConfig.Intake(listen, relays, size);
    }

    /** {@code key} as CIDR blocks, or {@code fallback} when absent. */
    private static CidrSet cidrs(TomlTable t, String key, CidrSet fallback) {
        if (t.strings(key).isEmpty()) {
            return fallback;
        }
        try {
            return CidrSet.parse(t.strings(key).get());
        } catch (InvalidCidrException e) {
            throw t.error(key, e.getMessage() + " (expected CIDR blocks such as 10.77.0.1/32)");
        }
    }

    /** {@code listen_tls}, which must differ from the STARTTLS listener. */
    private static HostPort distinctTlsListener(TomlTable t, HostPort starttls, HostPort fallback) {
        HostPort tls = t.hostPort("listen_tls").orElse(fallback);
        if (starttls.equals(tls)) {
            throw t.error("listen_tls", tls + " is also listen_starttls; the two listeners need different ports");
        }
        return tls;
    }

    /** {@code max_message_size}, 64K to 2G. */
    private static long messageSize(TomlTable t, long fallback) {
        long size = t.size("max_message_size").orElse(fallback);
        if (t.raw("max_message_size").isPresent()
                && (size < MailstoreConfig.Intake.MIN_MESSAGE_SIZE || size > MailstoreConfig.Intake.MAX_MESSAGE_SIZE)) {
            throw t.error("max_message_size", size + " bytes is out of range (64K to 2G)");
        }
        return size;
    }

    // RFC 5322 §3.6.8: field-name = 1*ftext; ftext = %d33-57 / %d59-126 (printable ASCII but ":").
    private static final java.util.regex.Pattern FIELD_NAME = java.util.regex.Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+");

    private static MailstoreConfig.Imap imap(TomlTable t) {
        MailstoreConfig.Imap d = MailstoreConfig.Imap.DEFAULT;
        HostPort starttls = t.hostPort("listen_starttls").orElse(d.listenStartTls());
        HostPort tls = distinctTlsListener(t, starttls, d.listenTls());
        CidrSet proxy = cidrs(t, "proxy_from", d.proxyFrom());
        return new MailstoreConfig.Imap(starttls, tls, proxy);
    }

    private static MailstoreConfig.Submission submission(TomlTable t) {
        MailstoreConfig.Submission d = MailstoreConfig.Submission.DEFAULT;
        HostPort starttls = t.hostPort("listen_starttls").orElse(d.listenStartTls());
        HostPort tls = distinctTlsListener(t, starttls, d.listenTls());
        CidrSet proxy = cidrs(t, "proxy_from", d.proxyFrom());
        List<String> strip = d.stripHeaders();
        if (t.strings("strip_headers").isPresent()) {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (String n : t.strings("strip_headers").get()) {
                if (!FIELD_NAME.matcher(n).matches()) {
                    throw t.error("strip_headers", "\"" + n + "\" is not a header field name (RFC 5322 §3.6.8: "
                            + "printable ASCII without ':' or spaces)");
                }
                for (String must : List.of("From", "Sender", "DKIM-Signature")) {
                    if (n.equalsIgnoreCase(must)) {
                        throw t.error("strip_headers", "\"" + n + "\" cannot be stripped (the sender check and "
                                + "signing need it)");
                    }
                }
                names.add(n);
            }
            strip = List.copyOf(names);
        }
        long size = messageSize(t, d.maxMessageSize());
        return new MailstoreConfig.Submission(starttls, tls, proxy, strip, size);
    }

    private static MailstoreConfig.Relay relay(TomlTable t) {
        MailstoreConfig.Relay d = MailstoreConfig.Relay.DEFAULT;
        HostPort outbound = t.hostPort("outbound").orElse(d.outbound());
        Path credentials = t.relativePath("credentials").orElse(d.credentials());
        String fp = t.string("tls_fingerprint").orElse(d.tlsFingerprint());
        // Accept the usual spellings (openssl's AA:BB:.., upper case) and keep one canonical form.
        String canonical = fp.replace(":", "").toLowerCase(java.util.Locale.ROOT);
        if (!canonical.isEmpty() && !canonical.matches("[0-9a-f]{64}")) {
            throw t.error("tls_fingerprint", "\"" + fp + "\" is not a SHA-256 fingerprint (64 hex digits, colons "
                    + "allowed), e.g. from 'openssl x509 -noout -fingerprint -sha256'");
        }
        return new MailstoreConfig.Relay(outbound, credentials, canonical);
    }

    private static MailstoreConfig.Tunnel tunnel(TomlTable t) {
        MailstoreConfig.Tunnel d = MailstoreConfig.Tunnel.DEFAULT;
        String name = t.string("interface").orElse(d.interfaceName());
        if (!name.matches("[a-zA-Z0-9_=+.-]{1,15}")) {
            throw t.error("interface", "\"" + name + "\" is not an interface name (1-15 of a-z A-Z 0-9 _ = + . -)");
        }
        String address = t.string("address").orElse(d.address());
        try {
            org.hearthmail.tunnel.config.IpPrefix p = org.hearthmail.tunnel.config.IpPrefix.parse(address);
            if (!p.isIpv4() || !address.contains("/")) {
                throw new IllegalArgumentException("need an IPv4 address with a prefix length");
            }
        } catch (IllegalArgumentException e) {
            throw t.error("address", "\"" + address + "\": " + e.getMessage() + " (e.g. \"10.77.0.2/24\")");
        }
        try {
            return new MailstoreConfig.Tunnel(name, address, t.relativePath("private_key").orElse(d.privateKey()),
                    Math.toIntExact(t.integer("keepalive").orElse((long) d.keepaliveSeconds())),
                    Math.toIntExact(t.integer("stale_after").orElse((long) d.staleAfterSeconds())),
                    Math.toIntExact(t.integer("down_after").orElse((long) d.downAfterSeconds())));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw t.error("keepalive", e.getMessage());
        }
    }

    private static MailstoreConfig.Tls tls(TomlTable t) {
        MailstoreConfig.Tls d = MailstoreConfig.Tls.DEFAULT;
        return new MailstoreConfig.Tls(
                t.relativePath("cert").orElse(d.certificate()),
                t.relativePath("key").orElse(d.privateKey()));
    }

    private static MailstoreConfig.AuthResults authResults(TomlTable t, String mxHost) {
        // RFC 8601 §2.5: the authserv-id names the receiving ADMD; a domain name is the usual choice.
        return new MailstoreConfig.AuthResults(t.hostName("authserv_id").orElse(mxHost));
    }

    private static MailstoreConfig.Delivery delivery(TomlTable t) {
        MailstoreConfig.Delivery d = MailstoreConfig.Delivery.DEFAULT;
        List<JunkRule> junk = d.junkOn();
        if (t.strings("junk_on").isPresent()) {
            LinkedHashSet<JunkRule> rules = new LinkedHashSet<>();
            for (String s : t.strings("junk_on").get()) {
                try {
                    rules.add(JunkRule.parse(s));
                } catch (IllegalArgumentException e) {
                    throw t.error("junk_on", e.getMessage());
                }
            }
            junk = List.copyOf(rules);
        }
        String sep = t.string("subaddress_separator").orElse(d.subaddressSeparator());
        if (sep.length() > 1 || (sep.length() == 1 && SEPARATORS.indexOf(sep.charAt(0)) < 0)) {
            throw t.error("subaddress_separator", "\"" + sep + "\" must be empty (off) or one of " + SEPARATORS);
        }
        boolean folders = t.bool("folder_delivery").orElse(d.folderDelivery());
        return new MailstoreConfig.Delivery(junk, sep, folders);
    }

    private static MailstoreConfig.Log log(TomlTable t) {
        long days = t.integer("retention_days").orElse((long) MailstoreConfig.Log.DEFAULT.retentionDays());
        if (days < 1 || days > 3650) {
            throw t.error("retention_days", days + " is out of range (1 to 3650 days)");
        }
        String addr = t.string("addresses").orElse(MailstoreConfig.Log.DEFAULT.addresses().keyword());
        org.hearthmail.log.AddressLogging addresses = org.hearthmail.log.AddressLogging.of(addr).orElseThrow(() ->
                t.error("addresses", "\"" + addr + "\" is not one of \"full\", \"domain\", \"hashed\""));
        return new MailstoreConfig.Log((int) days, addresses);
    }

}
