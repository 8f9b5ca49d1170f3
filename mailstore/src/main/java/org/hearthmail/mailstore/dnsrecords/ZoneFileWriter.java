package org.hearthmail.mailstore.dnsrecords;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.dns.DnsNames;

/** Renders a {@link DnsPlan} as zone-file text (RFC 1035 §5) or as rows for JSON output. */
public final class ZoneFileWriter {
    private ZoneFileWriter() {
    }

    public static String zoneFile(DnsPlan plan) {
        StringBuilder b = new StringBuilder();
        b.append("; DNS records for this Hearthmail installation. Publish them at your DNS provider.\n");
        if (!plan.hostRecords().isEmpty()) {
            b.append("\n; relay host names\n");
            records(b, plan.hostRecords());
        }
        List<String> ptr = ptrAdvice(plan);
        if (!ptr.isEmpty()) {
            b.append("\n; PTR (reverse DNS): not in your zone; set it in your VPS provider's control panel.\n");
            b.append("; Each relay's address must point back at its host name, its EHLO name (FCrDNS).\n");
            ptr.forEach(l -> b.append(";   ").append(l).append('\n'));
        }
        for (DomainPlan d : plan.domains()) {
            b.append("\n; ").append(d.domain()).append('\n');
            records(b, d.records());
            b.append("; MTA-STS policy file: serve it at ").append(d.mtaStsUrl()).append('\n');
            b.append("; (text/plain; switch mode to enforce once the relays have certificates from a public CA)\n");
            d.mtaSts().text().lines().forEach(l -> b.append(";   ").append(l).append('\n'));
        }
        return b.toString();
    }

    private static void records(StringBuilder b, List<ExpectedRecord> records) {
        for (ExpectedRecord r : records) {
            if (!r.comment().isEmpty()) {
                b.append("; ").append(r.comment()).append('\n');
            }
            b.append(r.zoneLine()).append('\n');
        }
    }

    /** RFC 1035 §3.5: the PTR record each relay's provider must publish. */
    static List<String> ptrAdvice(DnsPlan plan) {
        List<String> out = new ArrayList<>();
        for (RelayHost h : plan.relays()) {
            h.addresses().forEach(a -> out.add(DnsNames.reverseName(a) + ".\tIN\tPTR\t" + h.hostname() + "."));
        }
        return out;
    }

    /** One row per record, then per relay the PTR it needs and per domain its MTA-STS policy file. */
    public static List<Map<String, Object>> jsonRows(DnsPlan plan) {
        List<Map<String, Object>> rows = new ArrayList<>();
        plan.hostRecords().forEach(r -> rows.add(row(r.owner(), r.data().type(), r.data().zoneText(), r.purpose().label())));
        for (RelayHost h : plan.relays()) {
            h.addresses().forEach(a -> {
                Map<String, Object> row = row(DnsNames.reverseName(a), "PTR", h.hostname() + ".", "PTR (at the VPS provider)");
                row.put("address", NetUtil.toAddressString(a));
                rows.add(row);
            });
        }
        for (DomainPlan d : plan.domains()) {
            d.records().forEach(r -> rows.add(row(r.owner(), r.data().type(), r.data().zoneText(), r.purpose().label())));
            rows.add(row(d.mtaStsUrl(), "HTTPS", d.mtaSts().text(), "MTA-STS policy file"));
        }
        return rows;
    }

    private static Map<String, Object> row(String name, String type, String value, String purpose) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type);
        m.put("value", value);
        m.put("purpose", purpose);
        return m;
    }
}
