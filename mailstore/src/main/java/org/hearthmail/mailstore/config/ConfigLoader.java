package org.hearthmail.mailstore.config;

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
    private static final TomlMapper TOML = new TomlMapper();

    /** Allowed keys per table; "" is the top level. Order is the order of the documentation. */
    private static final Map<String, List<String>> SCHEMA = new LinkedHashMap<>();

    static {
        SCHEMA.put("", List.of("hostname", "mx_host", "intake", "tls", "auth_results", "delivery", "log", "submission",
                "relay"));
        SCHEMA.put("intake", List.of("listen", "relay_addresses", "max_message_size"));
        SCHEMA.put("tls", List.of("cert", "key"));
        SCHEMA.put("auth_results", List.of("authserv_id"));
        SCHEMA.put("delivery", List.of("junk_on", "subaddress_separator", "folder_delivery"));
        SCHEMA.put("log", List.of("retention_days"));
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
        Path file = dataDir.resolve(FILE);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(FILE + ": not found in " + dataDir + " (is this a data directory made by "
                    + "'mailstore init'?)");
        } catch (CharacterCodingException e) {
            throw new InvalidConfigException(FILE + ": not UTF-8 text (TOML files are UTF-8)");
        } catch (IOException e) {
            throw new InvalidConfigException(FILE + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        MailstoreConfig config = parse(text);
        requireFile(dataDir, "tls.cert", config.tls().certificateIn(dataDir));
        requireFile(dataDir, "tls.key", config.tls().privateKeyIn(dataDir));
        return config;
    }

    /**
     * Parses and validates the text of a {@code mailstore.toml}; does not look at the file system.
     *
     * @throws InvalidConfigException naming the key (or line) at fault
     */
    public static MailstoreConfig parse(String text) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            throw syntaxError(e);
        }
        if (root == null || root.isMissingNode()) {
            root = TOML.createObjectNode();
        }
        TomlTable top = new TomlTable(FILE, "", (ObjectNode) root);
        rejectUnknownKeys(top);

        String mxHost = hostName(top, "mx_host", "the public MX name, e.g. mx.example.org");
        String hostname = hostName(top, "hostname", "this mailstore's name, e.g. mx.example.org");
        return new MailstoreConfig(hostname, mxHost, intake(top.table("intake")), tls(top.table("tls")),
                authResults(top.table("auth_results"), mxHost), delivery(top.table("delivery")), log(top.table("log")),
                submission(top.table("submission")), relay(top.table("relay")));
    }

    private static void rejectUnknownKeys(TomlTable top) {
        List<String> unknown = new ArrayList<>(top.unknownKeys(SCHEMA.get("")));
        for (Map.Entry<String, List<String>> e : SCHEMA.entrySet()) {
            if (!e.getKey().isEmpty()) {
                unknown.addAll(top.table(e.getKey()).unknownKeys(e.getValue()));
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        LinkedHashSet<String> tables = new LinkedHashSet<>();
        for (String k : unknown) {
            int dot = k.indexOf('.');
            tables.add(dot < 0 ? "" : k.substring(0, dot));
        }
        StringBuilder allowed = new StringBuilder();
        for (String t : tables) {
            allowed.append(allowed.length() == 0 ? "" : "; ")
                    .append(t.isEmpty() ? "top level" : "[" + t + "]").append(": ")
                    .append(String.join(", ", SCHEMA.get(t)));
        }
        throw new InvalidConfigException(FILE + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                + String.join(", ", unknown) + " (allowed in " + allowed + ")");
    }

    private static String hostName(TomlTable t, String key, String hint) {
        String v = t.requiredString(key, hint);
        try {
            return HostNames.toAscii(v);
        } catch (IllegalArgumentException e) {
            throw t.error(key, e.getMessage());
        }
    }

    private static MailstoreConfig.Intake intake(TomlTable t) {
        MailstoreConfig.Intake d = MailstoreConfig.Intake.DEFAULT;
        HostPort listen = d.listen();
        if (t.string("listen").isPresent()) {
            try {
                listen = HostPort.parse(t.string("listen").get());
            } catch (IllegalArgumentException e) {
                throw t.error("listen", e.getMessage());
            }
        }
        CidrSet relays = d.relayAddresses();
        if (t.strings("relay_addresses").isPresent()) {
            try {
                relays = CidrSet.parse(t.strings("relay_addresses").get());
            } catch (InvalidCidrException e) {
                throw t.error("relay_addresses", e.getMessage() + " (expected CIDR blocks such as 10.77.0.1/32)");
            }
        }
        long size = d.maxMessageSize();
        if (t.raw("max_message_size").isPresent()) {
            size = size(t, "max_message_size");
            if (size < MailstoreConfig.Intake.MIN_MESSAGE_SIZE || size > MailstoreConfig.Intake.MAX_MESSAGE_SIZE) {
                throw t.error("max_message_size", size + " bytes is out of range (64K to 2G)");
            }
        }
        return new MailstoreConfig.Intake(listen, relays, size);
    }

    private static HostPort hostPort(TomlTable t, String key, HostPort dflt) {
        if (t.string(key).isEmpty()) {
            return dflt;
        }
        try {
            return HostPort.parse(t.string(key).get());
        } catch (IllegalArgumentException e) {
            throw t.error(key, e.getMessage());
        }
    }

    // RFC 5322 §3.6.8: field-name = 1*ftext; ftext = %d33-57 / %d59-126 (printable ASCII but ":").
    private static final java.util.regex.Pattern FIELD_NAME = java.util.regex.Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+");

    private static MailstoreConfig.Submission submission(TomlTable t) {
        MailstoreConfig.Submission d = MailstoreConfig.Submission.DEFAULT;
        HostPort starttls = hostPort(t, "listen_starttls", d.listenStartTls());
        HostPort tls = hostPort(t, "listen_tls", d.listenTls());
        if (starttls.equals(tls)) {
            throw t.error("listen_tls", tls + " is also listen_starttls; the two listeners need different ports");
        }
        CidrSet proxy = d.proxyFrom();
        if (t.strings("proxy_from").isPresent()) {
            try {
                proxy = CidrSet.parse(t.strings("proxy_from").get());
            } catch (InvalidCidrException e) {
                throw t.error("proxy_from", e.getMessage() + " (expected CIDR blocks such as 10.77.0.1/32)");
            }
        }
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
        long size = d.maxMessageSize();
        if (t.raw("max_message_size").isPresent()) {
            size = size(t, "max_message_size");
            if (size < MailstoreConfig.Intake.MIN_MESSAGE_SIZE || size > MailstoreConfig.Intake.MAX_MESSAGE_SIZE) {
                throw t.error("max_message_size", size + " bytes is out of range (64K to 2G)");
            }
        }
        return new MailstoreConfig.Submission(starttls, tls, proxy, strip, size);
    }

    private static MailstoreConfig.Relay relay(TomlTable t) {
        MailstoreConfig.Relay d = MailstoreConfig.Relay.DEFAULT;
        HostPort outbound = hostPort(t, "outbound", d.outbound());
        Path credentials = t.string("credentials").map(v -> insideDataDir(t, "credentials", v)).orElse(d.credentials());
        String fp = t.string("tls_fingerprint").orElse(d.tlsFingerprint());
        // Accept the usual spellings (openssl's AA:BB:.., upper case) and keep one canonical form.
        String canonical = fp.replace(":", "").toLowerCase(java.util.Locale.ROOT);
        if (!canonical.isEmpty() && !canonical.matches("[0-9a-f]{64}")) {
            throw t.error("tls_fingerprint", "\"" + fp + "\" is not a SHA-256 fingerprint (64 hex digits, colons "
                    + "allowed), e.g. from 'openssl x509 -noout -fingerprint -sha256'");
        }
        return new MailstoreConfig.Relay(outbound, credentials, canonical);
    }

    private static long size(TomlTable t, String key) {
        JsonNode n = t.raw(key).orElseThrow();
        if (n.isTextual()) {
            try {
                return ByteSize.parse(n.textValue());
            } catch (IllegalArgumentException e) {
                throw t.error(key, e.getMessage());
            }
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        throw t.error(key, "expected a size (integer bytes, or a string such as \"50M\"), found " + TomlTable.describe(n));
    }

    private static MailstoreConfig.Tls tls(TomlTable t) {
        MailstoreConfig.Tls d = MailstoreConfig.Tls.DEFAULT;
        return new MailstoreConfig.Tls(
                t.string("cert").map(v -> insideDataDir(t, "cert", v)).orElse(d.certificate()),
                t.string("key").map(v -> insideDataDir(t, "key", v)).orElse(d.privateKey()));
    }

    private static Path insideDataDir(TomlTable t, String key, String value) {
        Path p;
        try {
            p = Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw t.error(key, "\"" + value + "\" is not a path");
        }
        Path n = p.normalize();
        if (value.isBlank() || p.isAbsolute() || n.startsWith("..") || n.toString().isEmpty()) {
            throw t.error(key, "\"" + value + "\" must be a file path relative to the data directory and inside it");
        }
        return n;
    }

    private static MailstoreConfig.AuthResults authResults(TomlTable t, String mxHost) {
        // RFC 8601 §2.5: the authserv-id names the receiving ADMD; a domain name is the usual choice.
        return new MailstoreConfig.AuthResults(t.string("authserv_id").map(v -> {
            try {
                return HostNames.toAscii(v);
            } catch (IllegalArgumentException e) {
                throw t.error("authserv_id", e.getMessage());
            }
        }).orElse(mxHost));
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
        return new MailstoreConfig.Log((int) days);
    }

    private static void requireFile(Path dataDir, String key, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(FILE + ": " + key + ": " + dataDir.relativize(file) + " does not exist in "
                    + dataDir);
        }
        if (!Files.isReadable(file)) {
            throw new InvalidConfigException(FILE + ": " + key + ": " + file + " is not readable");
        }
    }

    private static InvalidConfigException syntaxError(JacksonException e) {
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage();
        int line = loc == null ? -1 : loc.getLineNr();
        if (line > 1 && loc.getColumnNr() == 1 && msg.startsWith("Duplicate key")) {
            // The TOML reader notices a duplicate after consuming the whole key/value line, newline
            // included; the key itself is on the line before.
            line--;
        }
        String where = line > 0 ? " line " + line + ":" : "";
        return new InvalidConfigException(FILE + ":" + where + " TOML syntax error: " + msg, e);
    }
}
