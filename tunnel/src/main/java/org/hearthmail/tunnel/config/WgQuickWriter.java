package org.hearthmail.tunnel.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes wg-quick(8) files in a canonical layout. {@link #write} gives the full file;
 * {@link #strip} gives only WireGuard's own keys, line for line what {@code wg-quick strip} prints
 * for a file written by {@link #write} (so it can be fed to {@code wg setconf}).
 */
public final class WgQuickWriter {
    private WgQuickWriter() {
    }

    /** The full file. It holds the private key: write it with owner-only permissions. */
    public static String write(WgQuickConfig config) {
        return render(config, true);
    }

    /** Only the keys wg(8) understands, as {@code wg-quick strip} would leave them. */
    public static String strip(WgQuickConfig config) {
        return render(config, false);
    }

    private static String render(WgQuickConfig config, boolean full) {
        StringBuilder out = new StringBuilder();
        InterfaceSection i = config.iface();
        out.append("[Interface]\n");
        line(out, "PrivateKey", i.privateKey().toBase64());
        if (full && !i.addresses().isEmpty()) {
            line(out, "Address", join(i.addresses()));
        }
        i.listenPort().ifPresent(p -> line(out, "ListenPort", Integer.toString(p)));
        i.fwMark().ifPresent(m -> line(out, "FwMark", "0x" + Integer.toHexString(m)));
        if (full) {
            i.mtu().ifPresent(m -> line(out, "MTU", Integer.toString(m)));
            if (!i.dns().isEmpty()) {
                line(out, "DNS", String.join(", ", i.dns()));
            }
            i.table().ifPresent(t -> line(out, "Table", t));
            i.preUp().forEach(c -> line(out, "PreUp", c));
            i.postUp().forEach(c -> line(out, "PostUp", c));
            i.preDown().forEach(c -> line(out, "PreDown", c));
            i.postDown().forEach(c -> line(out, "PostDown", c));
            if (i.saveConfig()) {
                line(out, "SaveConfig", "true");
            }
        }
        for (PeerSection p : config.peers()) {
            out.append("\n[Peer]\n");
            line(out, "PublicKey", p.publicKey().toBase64());
            p.presharedKey().ifPresent(k -> line(out, "PresharedKey", k.toBase64()));
            if (!p.allowedIps().isEmpty()) {
                line(out, "AllowedIPs", join(p.allowedIps()));
            }
            p.endpoint().ifPresent(e -> line(out, "Endpoint", e.toString()));
            p.persistentKeepalive().ifPresent(s -> line(out, "PersistentKeepalive", Integer.toString(s)));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(value).append('\n');
    }

    private static String join(List<IpPrefix> prefixes) {
        return prefixes.stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
    }
}
