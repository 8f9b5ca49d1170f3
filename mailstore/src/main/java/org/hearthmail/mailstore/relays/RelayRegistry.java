package org.hearthmail.mailstore.relays;

import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.config.TomlDocument;
import org.hearthmail.config.TomlTable;

/**
 * The {@code relays/} directory of a mailstore's data directory: {@code NAME.toml} per relay.
 * Files are written to a temporary name and renamed, so a reader never sees half a file.
 */
public final class RelayRegistry {

    public static final String DIRECTORY = "relays";

    private static final List<String> KEYS = List.of("name", "hostname", "mx_preference", "endpoint_host",
            "endpoint_port", "public_address", "public_addresses", "wireguard_public_key", "tunnel_address",
            "outbound_fingerprint");

    private final Path dir;

    public RelayRegistry(Path dataDir) {
        this.dir = dataDir.resolve(DIRECTORY);
    }

    /** Every registered relay, by MX preference then name. */
    public List<RelayRegistration> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RelayRegistration> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.toml")) {
            for (Path f : files) {
                out.add(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparingInt(RelayRegistration::mxPreference).thenComparing(RelayRegistration::name));
        return out;
    }

    public Optional<RelayRegistration> find(String name) {
        Path f = dir.resolve(name + ".toml");
        return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
    }

    /** Adds or replaces {@code r}. */
    public void save(RelayRegistration r) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(r.name() + ".toml");
            Path tmp = dir.resolve("." + r.name() + ".toml.tmp");
            Files.writeString(tmp, render(r), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(r.name() + ".toml"), e);
        }
    }

    static String render(RelayRegistration r) {
        StringBuilder b = new StringBuilder();
        b.append("# A relay provisioned by 'mailstore relay bundle'. Public facts only.\n");
        b.append("name = ").append(quote(r.name())).append('\n');
        b.append("hostname = ").append(quote(r.hostname())).append('\n');
        b.append("mx_preference = ").append(r.mxPreference()).append('\n');
        b.append("endpoint_host = ").append(quote(r.endpointHost())).append('\n');
        b.append("endpoint_port = ").append(r.endpointPort()).append('\n');
        if (!r.publicAddresses().isEmpty()) {
            b.append("public_addresses = [").append(String.join(", ", r.publicAddresses().stream()
                    .map(a -> quote(NetUtil.toAddressString(a))).toList())).append("]\n");
        }
        b.append("wireguard_public_key = ").append(quote(r.wireguardPublicKey())).append('\n');
        b.append("tunnel_address = ").append(quote(NetUtil.toAddressString(r.tunnelAddress()))).append('\n');
        if (!r.outboundFingerprint().isEmpty()) {
            b.append("outbound_fingerprint = ").append(quote(r.outboundFingerprint())).append('\n');
        }
        return b.toString();
    }

    private static RelayRegistration read(Path f) {
        String label = DIRECTORY + "/" + f.getFileName();
        TomlTable t = TomlDocument.parse(TomlDocument.read(f, label, "made by 'mailstore relay bundle'"), label,
                Map.of("", KEYS));
        try {
            return new RelayRegistration(
                    t.requiredString("name", "the relay's name"),
                    t.requiredString("hostname", "the relay's MX host name"),
                    Math.toIntExact(t.integer("mx_preference").orElse(10L)),
                    t.requiredString("endpoint_host", "the relay's public address"),
                    Math.toIntExact(t.integer("endpoint_port").orElse(51820L)),
                    publicAddresses(t),
                    t.requiredString("wireguard_public_key", "the relay's WireGuard public key"),
                    address(t, "tunnel_address", t.requiredString("tunnel_address", "e.g. 10.77.0.1")),
                    t.string("outbound_fingerprint").orElse(""));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidConfigException(label + ": " + e.getMessage());
        }
    }

    /** {@code public_addresses}, or the single {@code public_address} of registrations made before it. */
    private static List<InetAddress> publicAddresses(TomlTable t) {
        if (t.strings("public_addresses").isPresent()) {
            return t.strings("public_addresses").get().stream().map(a -> address(t, "public_addresses", a)).toList();
        }
        return t.string("public_address").map(a -> List.of(address(t, "public_address", a))).orElse(List.of());
    }

    private static InetAddress address(TomlTable t, String key, String text) {
        byte[] raw = NetUtil.createByteArrayFromIpAddressString(text);
        if (raw == null) {
            throw t.error(key, "'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw t.error(key, "'" + text + "' is not an IP address");
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
