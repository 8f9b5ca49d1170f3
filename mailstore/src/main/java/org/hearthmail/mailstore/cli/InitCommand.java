package org.hearthmail.mailstore.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.config.ConfigFileWriter;
import org.hearthmail.mailstore.config.ConfigLoader;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.mailstore.intake.SpoolKeyFile;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.tls.SelfSignedCertificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstore init --domain D --mx-host H [--data-dir DIR]}: a new installation in an empty
 * (or absent) directory. If any step fails, what init created is removed again, so it can be re-run.
 */
@Command(name = "init",
        description = "Create a new installation: data directory (0700), database, first mail domain, "
                + "mailstore.toml, a self-signed TLS certificate, the WireGuard key and the spool key.")
final class InitCommand implements Callable<Integer> {
    static final Duration CERT_VALIDITY = Duration.ofDays(365);

    @Spec
    CommandSpec spec;

    @Option(names = "--domain", paramLabel = "D", required = true, converter = HostNameConverter.class,
            description = "First mail domain, e.g. example.org.")
    String domain;

    @Option(names = "--mx-host", paramLabel = "H", required = true, converter = HostNameConverter.class,
            description = "Public name of the edge relay (the MX), e.g. mx.example.org.")
    String mxHost;

    @Option(names = "--hostname", paramLabel = "NAME", converter = HostNameConverter.class,
            description = "This mailstore's own name for Received lines and greetings (default: the MX host).")
    String hostname;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        DataDirectory dir = new DataDirectory(dataDir.dataDir());
        boolean existed = Files.exists(dir.root());
        if (existed && !isEmptyDirectory(dir.root())) {
            throw new InitRefusedException("data directory " + dir.root() + " is not empty; refusing to initialise over "
                    + "existing files (choose an empty --data-dir)");
        }
        MailstoreConfig config = MailstoreConfig.defaults(hostname == null ? mxHost : hostname, mxHost);
        try {
            create(dir, config);
        } catch (RuntimeException | IOException e) {
            undo(dir, existed, e);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("init failed: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        var out = Cli.out(spec);
        out.println("created a mailstore installation in " + dir.root());
        out.println("  database       " + dir.database() + " (domain " + DomainCommand.display(domain) + ")");
        out.println("  configuration  " + dir.root().resolve(MailstoreConfig.FILE_NAME));
        out.println("  TLS            " + config.tls().certificateIn(dir.root()) + " and "
                + config.tls().privateKey() + " (self-signed for " + mxHost + ", " + CERT_VALIDITY.toDays() + " days)");
        out.println("  WireGuard      " + dir.keys().resolve(WIREGUARD_KEY) + " (public key "
                + readWireguardPublicKey(dir) + ")");
        out.println("  spool key      " + dir.keys().resolve(SpoolKeyFile.NAME) + " (public key "
                + readSpoolPublicKey(dir) + ", the relay's [spool] mailstore_key)");
        out.println("next: mailstore user add postmaster@" + domain
                + (dataDir.dataDir().equals(Path.of(DataDirOption.DEFAULT)) ? "" : " --data-dir " + dir.root()));
        return ExitCodes.OK;
    }

    static String readSpoolPublicKey(DataDirectory dir) {
        try {
            return SpoolKeyFile.load(dir.keys()).orElseThrow(() -> new IOException("missing")).publicKey().toBase64();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.keys().resolve(SpoolKeyFile.NAME) + ": " + e.getMessage(), e);
        }
    }

    /** The mailstore's WireGuard private key, base64 as {@code wg genkey} writes it. */
    static final String WIREGUARD_KEY = "wireguard.key";

    static String readWireguardPublicKey(DataDirectory dir) {
        try {
            return WgPrivateKey.fromBase64(Files.readString(dir.keys().resolve(WIREGUARD_KEY)).strip()).publicKey().toBase64();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.keys().resolve(WIREGUARD_KEY) + ": " + e.getMessage(), e);
        }
    }

    private void create(DataDirectory dir, MailstoreConfig config) throws IOException {
        dir.create();
        PrivateFiles.restrictDirectory(dir.root());
        try (SqliteMailStore store = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            store.addDomain(domain);
        }
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create(mxHost, CERT_VALIDITY);
        PrivateFiles.writePem(config.tls().privateKeyIn(dir.root()), kc.privateKey());
        PrivateFiles.writePem(config.tls().certificateIn(dir.root()), kc.certificate());
        PrivateFiles.writeText(dir.root().resolve(MailstoreConfig.FILE_NAME), ConfigFileWriter.render(config));
        // The home end of the tunnel; its public key goes into each relay's bundle.
        PrivateFiles.writeText(dir.keys().resolve(WIREGUARD_KEY), WgPrivateKey.generate().toBase64() + "\n");
        // Opens what the relay spools while the tunnel is down (ADR 0003); only its public half leaves home.
        if (!Files.exists(dir.keys().resolve(SpoolKeyFile.NAME))) {
            PrivateFiles.writeText(dir.keys().resolve(SpoolKeyFile.NAME), SealPrivateKey.generate().toBase64() + "\n");
        }
        ConfigLoader.load(dir.root()); // what we wrote must be what 'run' accepts
    }

    /** Removes what init made: the whole directory if init created it, else only its contents. */
    private static void undo(DataDirectory dir, boolean existed, Exception cause) {
        try {
            PrivateFiles.deleteTree(dir.root(), existed);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static boolean isEmptyDirectory(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var entries = Files.list(p)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The data directory is in use or not a directory. */
    static final class InitRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InitRefusedException(String message) {
            super(message);
        }
    }
}
