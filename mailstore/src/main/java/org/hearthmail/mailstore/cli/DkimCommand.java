package org.hearthmail.mailstore.cli;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.dkim.DkimSelector;
import org.hearthmail.mailstore.store.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstore dkim rotate|list}: the DKIM selectors (keys/dkim in the data directory). A
 * running {@code mailstore run} picks up a rotation with its next message.
 */
@Command(name = "dkim", description = "DKIM signing keys: rotate to a new selector, list selectors.")
final class DkimCommand {

    @Spec
    CommandSpec spec;

    /** Tests set the clock; the program runs on the system clock. */
    static Clock clock = Clock.systemUTC();

    @Command(name = "rotate", description = "Make a new selector with fresh Ed25519 and RSA-2048 keys and sign with it; "
            + "the previous selector stays published for the grace period. Publish the new records "
            + "('mailstore dns records') before mail signed with them is checked.")
    int rotate(@Option(names = "--grace-days", paramLabel = "DAYS", defaultValue = "7",
                       description = "Days the previous selector stays published (default: ${DEFAULT-VALUE}).") int graceDays,
               @Mixin DataDirOption dataDir) {
        if (graceDays < 0 || graceDays > 365) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--grace-days must be 0 to 365, was " + graceDays);
        }
        DkimKeyStore keys = open(dataDir);
        DkimKeyStore.Rotation r = keys.rotate(Duration.ofDays(graceDays));
        Cli.out(spec).println("new DKIM selector " + r.created().name() + " is active (DNS selectors "
                + r.created().ed25519Selector() + ", " + r.created().rsaSelector() + ")");
        r.retired().ifPresent(s -> Cli.out(spec).println("previous selector " + s.name() + " stays published until "
                + s.publishedUntil()));
        for (DkimSelector s : r.removed()) {
            Cli.out(spec).println("expired selector " + s.name() + " removed; its DNS records can go");
        }
        Cli.out(spec).println("publish the new records: mailstore dns records");
        return ExitCodes.OK;
    }

    @Command(name = "list", description = "List DKIM selectors: active, published during grace, or expired.")
    int list(@Option(names = "--json", description = "Print JSON instead of text.") boolean json,
             @Mixin DataDirOption dataDir) {
        List<DkimSelector> selectors = open(dataDir).selectors();
        java.time.Instant now = clock.instant();
        if (json) {
            Cli.printJson(spec, selectors.stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.name());
                m.put("state", state(s, now));
                m.put("created", s.created().toString());
                m.put("publishedUntil", s.publishedUntil() == null ? null : s.publishedUntil().toString());
                m.put("dnsSelectors", List.of(s.ed25519Selector(), s.rsaSelector()));
                return m;
            }).toList());
            return ExitCodes.OK;
        }
        if (selectors.isEmpty()) {
            Cli.out(spec).println("no DKIM selectors yet ('mailstore dkim rotate' makes the first)");
        }
        for (DkimSelector s : selectors) {
            Cli.out(spec).println(s.name() + "  " + state(s, now) + "  created " + s.created()
                    + (s.publishedUntil() == null ? "" : "  published until " + s.publishedUntil()));
        }
        return ExitCodes.OK;
    }

    private static String state(DkimSelector s, java.time.Instant now) {
        return s.active() ? "active" : s.published(now) ? "published" : "expired";
    }

    /** Needs an installation (mailstore.toml), so that keys never land in a mistyped directory. */
    static DkimKeyStore open(DataDirOption dataDir) {
        DataDirectory dir = new DataDirectory(dataDir.dataDir());
        if (!Files.isRegularFile(dir.root().resolve(org.hearthmail.mailstore.config.MailstoreConfig.FILE_NAME))) {
            throw new Installation.NoInstallationException("no mailstore installation in " + dir.root()
                    + " (mailstore.toml not found); run 'mailstore init' or pass --data-dir");
        }
        return DkimKeyStore.in(dir.keys(), clock);
    }
}
