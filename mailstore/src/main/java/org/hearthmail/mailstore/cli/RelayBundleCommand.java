package org.hearthmail.mailstore.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.cli.PassphraseInput;
import org.hearthmail.mailstore.relays.RelayProvisioner;
import org.hearthmail.mailstore.store.Domain;
import org.hearthmail.provision.BundleCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstore relay bundle --endpoint HOST:PORT > relay.bundle}: provisions one more relay
 * (keys, registry entry, tunnel and hand-off configuration) and writes its passphrase-protected bundle.
 */
@Command(name = "bundle",
        description = {"Provision a relay and write the bundle that 'edge-relay init --bundle' reads: the relay's "
                + "WireGuard keys, this mailstore's public keys, the domains, the outbound secret and certificate. "
                + "It is sealed with a passphrase (asked twice, at least 12 characters) and written to stdout or --output.",
                "Run it again (e.g. --mx-host mx2.example.org --preference 20) for a second relay. "
                + "Restart 'mailstore run' afterwards so the tunnel includes the new relay."})
final class RelayBundleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "HOST:PORT", required = true, converter = Endpoint.Converter.class,
            description = "The relay's public WireGuard endpoint, e.g. 203.0.113.10:51820.")
    Endpoint endpoint;

    @Option(names = "--name", paramLabel = "NAME",
            description = "A short name for the relay (letters, digits, - and _); default: the first free vpsN.")
    String name;

    @Option(names = "--mx-host", paramLabel = "H", converter = HostNameConverter.class,
            description = "The relay's public MX host name; default: this installation's mx_host (first relay only).")
    String mxHost;

    @Option(names = "--preference", paramLabel = "N",
            description = "MX preference of this relay (RFC 5321 §5.1, lower is tried first); default 10, then +10 per relay.")
    Integer preference;

    @Option(names = "--public-address", paramLabel = "IP",
            description = "An address the relay sends mail from, for SPF, A/AAAA and PTR advice; repeat it for a "
                    + "dual-stack VPS (its IPv4 and its IPv6). Default: the endpoint when it is an IP address.")
    List<String> publicAddresses = new java.util.ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "F",
            description = "Read the passphrase from the first line of F instead of asking (keep F at mode 0600).")
    Path passphraseFile;

    @Option(names = "--output", paramLabel = "F", description = "Write the bundle to F (mode 0600) instead of stdout.")
    Path output;

    @Mixin
    DataDirOption dataDir;

    /** Each --public-address as an IP literal (no DNS lookup), or a usage error naming the flag. */
    private List<java.net.InetAddress> addresses() {
        List<java.net.InetAddress> out = new java.util.ArrayList<>();
        for (String a : publicAddresses) {
            byte[] raw = io.netty.util.NetUtil.createByteArrayFromIpAddressString(a.strip());
            if (raw == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--public-address '" + a
                        + "' is not an IP address (e.g. 203.0.113.10 or 2001:db8::10)");
            }
            try {
                out.add(java.net.InetAddress.getByAddress(raw));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    @Override
    public Integer call() {
        if (name != null && !org.hearthmail.mailstore.relays.RelayRegistration.NAME.matcher(name).matches()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--name '" + name
                    + "': use letters, digits, '-' or '_' (at most 32)");
        }
        if (preference != null && (preference < 0 || preference > 65535)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--preference " + preference
                    + " is outside 0..65535 (RFC 1035 §3.3.9)");
        }
        List<java.net.InetAddress> egress = addresses();
        if (output != null && Files.exists(output)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--output " + output
                    + " exists; choose a new file name (a bundle is never overwritten)");
        }
        char[] passphrase = PassphraseInput.read(passphraseFile, Cli.terminal(spec).console(), true, "--passphrase-file");
        try (Installation inst = Installation.open(dataDir.dataDir())) {
            List<String> domains = inst.store().domains().stream().map(Domain::name).toList();
            if (domains.isEmpty()) {
                throw new IllegalStateException("this installation serves no mail domain; add one with 'mailstore domain add'");
            }
            RelayProvisioner.Result r = new RelayProvisioner(inst.dir().root(), inst.dir().keys(), new SecureRandom())
                    .provision(inst.config(), domains, new RelayProvisioner.Request(Optional.ofNullable(name),
                            endpoint.host(), endpoint.port(), Optional.ofNullable(mxHost), Optional.ofNullable(preference),
                            egress));
            String sealed = BundleCodec.seal(r.bundle(), passphrase);
            write(sealed);
            var err = Cli.err(spec);
            err.println("provisioned relay " + r.registration().name() + " (" + r.registration().hostname() + ", MX "
                    + r.registration().mxPreference() + ", tunnel address " + r.bundle().relayTunnelAddress() + ", endpoint "
                    + endpoint + ")" + (r.primary() ? "; it takes this mailstore's outgoing mail" : ""));
            err.println("bundle " + (output == null ? "written to stdout" : "written to " + output)
                    + "; copy it to the relay and run 'edge-relay init --bundle FILE' there");
            err.println("restart 'mailstore run' to bring the tunnel to " + r.registration().name() + " up");
            err.flush();
            return ExitCodes.OK;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private void write(String sealed) {
        if (output == null) {
            Cli.out(spec).print(sealed);
            Cli.out(spec).flush();
            return;
        }
        try {
            PrivateFiles.writeText(output.toAbsolutePath(), sealed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --output " + output + ": " + e.getMessage(), e);
        }
    }
}
