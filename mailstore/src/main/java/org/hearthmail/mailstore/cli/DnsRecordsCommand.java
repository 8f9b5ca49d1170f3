package org.hearthmail.mailstore.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.dkim.DkimSelector;
import org.hearthmail.mailstore.store.Domain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mailstore dns records}: a first version printing, per hosted domain, MX, an SPF
 * placeholder naming the relay, the DKIM key records of every published selector and a DMARC
 * suggestion. Makes the first DKIM selector if there is none yet (and says so on stderr).
 */
@Command(name = "records", description = "Print every DNS record to publish, in zone-file form.")
final class DnsRecordsCommand implements Callable<Integer> {

    /** RFC 1035 §3.3: a character-string is at most 255 octets; longer TXT data is split. */
    private static final int TXT_STRING = 255;

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Domain> domains;
        String mx;
        try (Installation in = Installation.open(dataDir.dataDir())) {
            domains = in.store().domains();
            mx = in.config().mxHost();
        }
        DkimKeyStore keys = DkimCommand.open(dataDir);
        if (keys.active().isEmpty()) {
            DkimSelector s = keys.ensureActive();
            Cli.err(spec).println("made the first DKIM selector " + s.name());
        }
        List<DkimSelector> published = keys.published();
        var out = Cli.out(spec);
        out.println("; DNS records for this Hearthmail installation. Publish them at your DNS provider.");
        for (Domain d : domains) {
            String n = d.name() + ".";
            out.println();
            out.println("; " + d.name());
            out.println(n + "\tIN\tMX\t10 " + mx + ".");
            // RFC 7208 §5.4 "a": the relay (the MX host) is the only host that sends our mail.
            out.println("; SPF: the relay sends all outbound mail; replace a:" + mx + " with ip4:/ip6: of the relay if you prefer");
            out.println(n + "\tIN\tTXT\t" + txt("v=spf1 a:" + mx + " -all"));
            for (DkimSelector s : published) {
                out.println("; DKIM selector " + s.name() + (s.active() ? " (active)" : " (published until "
                        + s.publishedUntil() + ")"));
                for (DkimKeyStore.TxtRecord r : keys.txtRecords(s)) {
                    out.println(r.name(d.name()) + ".\tIN\tTXT\t" + txt(r.text()));
                }
            }
            // RFC 7489 §6.3: p=quarantine once SPF and DKIM pass; reports to postmaster.
            out.println("_dmarc." + n + "\tIN\tTXT\t" + txt("v=DMARC1; p=quarantine; adkim=s; aspf=s; rua=mailto:postmaster@" + d.name()));
        }
        return ExitCodes.OK;
    }

    /** TXT data in zone-file form: quoted strings of at most 255 octets each. */
    static String txt(String data) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < data.length(); i += TXT_STRING) {
            parts.add("\"" + data.substring(i, Math.min(data.length(), i + TXT_STRING)) + "\"");
        }
        return String.join(" ", parts);
    }
}
