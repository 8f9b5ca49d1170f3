package org.hearthmail.tunnel.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.hearthmail.tunnel.keys.WgPublicKey;

/**
 * Reads wg-quick(8) files. Grammar as in wireguard-tools (config.c and wg-quick): {@code #} starts a
 * comment, whitespace around keys and values is ignored, keys and section names are
 * case-insensitive, list keys (Address, DNS, AllowedIPs) take comma-separated values and may
 * repeat, hooks (PreUp...) may repeat; any other key given twice in a section is an error here
 * (wg silently keeps the last one, which hides typos).
 */
public final class WgQuickParser {
    private WgQuickParser() {
    }

    public static WgQuickConfig parse(Path file) throws ConfigParseException, IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** @param source names the text in error messages, e.g. the file name */
    public static WgQuickConfig parse(String text, String source) throws ConfigParseException {
        return new Run(source).parse(text);
    }

    private static final class Run {
        private final String source;
        private InterfaceSection.Builder iface;
        private int ifaceLine;
        private boolean seenPrivateKey;
        private PeerDraft peer;
        private final List<PeerDraft> peers = new ArrayList<>();
        private final Set<String> seenSingles = new HashSet<>();

        Run(String source) {
            this.source = source;
        }

        WgQuickConfig parse(String text) throws ConfigParseException {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                line(i + 1, lines[i]);
            }
            if (iface == null) {
                throw new ConfigParseException(source, 0, null, "no [Interface] section");
            }
            InterfaceSection built = buildInterface();
            List<PeerSection> builtPeers = new ArrayList<>();
            Set<WgPublicKey> keys = new HashSet<>();
            for (PeerDraft d : peers) {
                if (d.builder == null) {
                    throw new ConfigParseException(source, d.line, null, "[Peer] has no PublicKey");
                }
                PeerSection p = d.builder.build();
                if (!keys.add(p.publicKey())) {
                    throw new ConfigParseException(source, d.line, null, "peer " + p.publicKey() + " appears twice");
                }
                builtPeers.add(p);
            }
            return new WgQuickConfig(built, builtPeers);
        }

        private InterfaceSection buildInterface() throws ConfigParseException {
            if (!seenPrivateKey) {
                throw new ConfigParseException(source, ifaceLine, null, "[Interface] has no PrivateKey");
            }
            return iface.build();
        }

        /** Key-format errors are IllegalArgumentExceptions whose messages never quote the value. */
        private void line(int number, String raw) throws ConfigParseException {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("[")) {
                section(number, line);
                return;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new ConfigParseException(source, number, null, "expected 'Key = Value' or a [Section]");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (iface == null && peer == null) {
                throw new ConfigParseException(source, number, key, "key before any [Interface] or [Peer] section");
            }
            try {
                if (peer != null) {
                    peerKey(number, key, value);
                } else {
                    interfaceKey(number, key, value);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigParseException(source, number, key, e.getMessage());
            }
        }

        private void section(int number, String line) throws ConfigParseException {
            String name = line.toLowerCase(Locale.ROOT);
            seenSingles.clear();
            if (name.equals("[interface]")) {
                if (iface != null) {
                    throw new ConfigParseException(source, number, null, "second [Interface] section");
                }
                iface = InterfaceSection.builder(null);
                ifaceLine = number;
                peer = null;
            } else if (name.equals("[peer]")) {
                peer = new PeerDraft(number);
                peers.add(peer);
            } else {
                throw new ConfigParseException(source, number, null, "unknown section " + line);
            }
        }

        private void single(int number, String key) throws ConfigParseException {
            if (!seenSingles.add(key.toLowerCase(Locale.ROOT))) {
                throw new ConfigParseException(source, number, key, "given twice in this section");
            }
        }

        private void interfaceKey(int number, String key, String value) throws ConfigParseException {
            switch (key.toLowerCase(Locale.ROOT)) {
                case "privatekey" -> {
                    single(number, key);
                    iface.privateKey(WgPrivateKey.fromBase64(value));
                    seenPrivateKey = true;
                }
                case "listenport" -> {
                    single(number, key);
                    iface.listenPort(number(value, 0, 65535));
                }
                case "fwmark" -> {
                    single(number, key);
                    // wg(8): FwMark is a 32-bit number, decimal or 0x-hex, or "off".
                    if (!value.equalsIgnoreCase("off")) {
                        iface.fwMark(fwMark(value));
                    }
                }
                case "address" -> {
                    for (String item : list(value)) {
                        iface.address(IpPrefix.parse(item));
                    }
                }
                case "dns" -> list(value).forEach(iface::dns);
                case "mtu" -> {
                    single(number, key);
                    iface.mtu(number(value, 576, 65535));
                }
                case "table" -> {
                    single(number, key);
                    iface.table(nonEmpty(value));
                }
                case "preup" -> iface.preUp(nonEmpty(value));
                case "postup" -> iface.postUp(nonEmpty(value));
                case "predown" -> iface.preDown(nonEmpty(value));
                case "postdown" -> iface.postDown(nonEmpty(value));
                case "saveconfig" -> {
                    single(number, key);
                    iface.saveConfig(bool(value));
                }
                default -> throw new ConfigParseException(source, number, key, "unknown key in [Interface]");
            }
        }

        private void peerKey(int number, String key, String value) throws ConfigParseException {
            String k = key.toLowerCase(Locale.ROOT);
            if (peer.builder == null && !k.equals("publickey")) {
                // Keys may come in any order; keep them until PublicKey arrives.
                peer.pending.add(new PendingKey(number, key, value));
                return;
            }
            switch (k) {
                case "publickey" -> {
                    single(number, key);
                    peer.builder = PeerSection.builder(WgPublicKey.fromBase64(value));
                    List<PendingKey> pending = List.copyOf(peer.pending);
                    peer.pending.clear();
                    for (PendingKey p : pending) {
                        try {
                            peerKey(p.line(), p.key(), p.value());
                        } catch (IllegalArgumentException e) {
                            throw new ConfigParseException(source, p.line(), p.key(), e.getMessage());
                        }
                    }
                }
                case "presharedkey" -> {
                    single(number, key);
                    peer.builder.presharedKey(WgPresharedKey.fromBase64(value));
                }
                case "allowedips" -> {
                    for (String item : list(value)) {
                        peer.builder.allowedIp(IpPrefix.parse(item));
                    }
                }
                case "endpoint" -> {
                    single(number, key);
                    peer.builder.endpoint(Endpoint.parse(value));
                }
                case "persistentkeepalive" -> {
                    single(number, key);
                    // wg(8): "off" or 0 disables it.
                    if (!value.equalsIgnoreCase("off")) {
                        int seconds = number(value, 0, 65535);
                        if (seconds > 0) {
                            peer.builder.persistentKeepalive(seconds);
                        }
                    }
                }
                default -> throw new ConfigParseException(source, number, key, "unknown key in [Peer]");
            }
        }

        private static List<String> list(String value) {
            List<String> out = new ArrayList<>();
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
            return out;
        }

        private static String nonEmpty(String value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("value is empty");
            }
            return value;
        }

        private static int number(String value, int min, int max) {
            if (!value.matches("\\d{1,10}")) {
                throw new IllegalArgumentException("'" + value + "' is not a number");
            }
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(value + " is outside " + min + "-" + max);
            }
            return (int) n;
        }

        private static int fwMark(String value) {
            try {
                long n = value.toLowerCase(Locale.ROOT).startsWith("0x")
                        ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
                if (n < 0 || n > 0xffffffffL) {
                    throw new NumberFormatException();
                }
                return (int) n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' is not a 32-bit mark", e);
            }
        }

        private static boolean bool(String value) {
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("'" + value + "' is not true or false");
        }
    }

    private record PendingKey(int line, String key, String value) {
    }

    private static final class PeerDraft {
        final int line;
        PeerSection.Builder builder;
        final List<PendingKey> pending = new ArrayList<>();

        PeerDraft(int line) {
            this.line = line;
        }
    }
}
