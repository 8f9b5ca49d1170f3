package org.hearthmail.mailstore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.dkim.DkimSelector;
import org.hearthmail.mailstore.dnsrecords.DnsPlan;
import org.hearthmail.mailstore.dnsrecords.DnsPlanner;
import org.hearthmail.mailstore.relays.RelayRegistry;
import org.hearthmail.mailstore.store.Domain;

/** Loads the facts {@code dns records} and {@code dns check} share and plans the records. */
final class DnsPlans {
    private DnsPlans() {
    }

    /**
     * @param makeFirstSelector whether to create the first DKIM selector when there is none
     *                          ({@code dns records} does; {@code dns check} only reads)
     * @param err               where notes for the operator go
     */
    static DnsPlan load(DataDirOption dataDir, boolean makeFirstSelector, PrintWriter err) {
        List<String> domains;
        String mx;
        try (Installation in = Installation.open(dataDir.dataDir())) {
            domains = in.store().domains().stream().map(Domain::name).toList();
            mx = in.config().mxHost();
        }
        DkimKeyStore keys = DkimCommand.open(dataDir);
        if (keys.active().isEmpty()) {
            if (makeFirstSelector) {
                DkimSelector s = keys.ensureActive();
                err.println("made the first DKIM selector " + s.name());
            } else {
                err.println("no DKIM selector yet: 'mailstore dns records' or 'mailstore dkim rotate' makes one");
            }
        }
        List<DkimKeyStore.TxtRecord> dkim = new ArrayList<>();
        for (DkimSelector s : keys.published()) {
            dkim.addAll(keys.txtRecords(s));
        }
        DnsPlan plan = DnsPlanner.plan(domains, mx, new RelayRegistry(dataDir.dataDir()).all(), dkim);
        plan.notes().forEach(n -> err.println("note: " + n));
        return plan;
    }
}
