package org.hearthmail.mailstore.dnscheck;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hearthmail.dkim.DkimKeyRecord;
import org.hearthmail.dkim.DkimSyntaxException;
import org.hearthmail.dkim.TagList;
import org.hearthmail.dmarc.DmarcPolicy;
import org.hearthmail.dmarc.DmarcRecord;
import org.hearthmail.dmarc.DmarcSyntaxException;
import org.hearthmail.mailstore.dnsrecords.Purpose;

/**
 * Whether the TXT records found at a name carry what a record of a given purpose must say. Text
 * is compared by meaning, not byte for byte: SPF terms case-insensitively, DKIM by key type and
 * key, DMARC by an enforcing policy, MTA-STS by its id, TLS-RPT by a report address.
 */
final class TxtJudge {
    private TxtJudge() {
    }

    /** The records at the name that belong to {@code purpose} (others, e.g. site verifications, are ignored). */
    static List<String> relevant(Purpose purpose, List<String> found) {
        return found.stream().filter(t -> belongs(purpose, t)).toList();
    }

    private static boolean belongs(Purpose purpose, String txt) {
        String t = txt.strip().toLowerCase(Locale.ROOT);
        return switch (purpose) {
            // RFC 7208 §4.5: records that begin with "v=spf1" followed by a space or nothing.
            case SPF -> t.equals("v=spf1") || t.startsWith("v=spf1 ");
            // RFC 6376 §3.6.1: v= is optional in key records; everything at the selector name counts.
            case DKIM -> true;
            case DMARC -> DmarcRecord.isDmarcRecord(txt);
            // RFC 8461 §3.1 and RFC 8460 §3: the version tag comes first.
            case MTA_STS -> t.startsWith("v=stsv1");
            case TLS_RPT -> t.startsWith("v=tlsrptv1");
            default -> false;
        };
    }

    /** @return empty when {@code found} (one relevant record) matches {@code expected}, else why not */
    static Optional<String> mismatch(Purpose purpose, String expected, String found) {
        return switch (purpose) {
            case SPF -> normalizeSpf(expected).equals(normalizeSpf(found)) ? Optional.empty()
                    : Optional.of("other SPF terms");
            case DKIM -> sameDkimKey(expected, found) ? Optional.empty() : Optional.of("another key");
            case DMARC -> enforcingDmarc(found);
            case MTA_STS -> tag(found, "id").equals(tag(expected, "id")) ? Optional.empty()
                    : Optional.of("another policy id (the policy file changed, or it is not this installation's)");
            case TLS_RPT -> tag(found, "rua").isEmpty() ? Optional.of("no rua= report address") : Optional.empty();
            default -> Optional.of("not a TXT purpose: " + purpose);
        };
    }

    /** RFC 7208 §4.6.1: terms are separated by spaces; names compare case-insensitively. */
    private static String normalizeSpf(String s) {
        return String.join(" ", s.strip().toLowerCase(Locale.ROOT).split("\\s+"));
    }

    private static boolean sameDkimKey(String expected, String found) {
        try {
            return DkimKeyRecord.parse(expected).equals(DkimKeyRecord.parse(found));
        } catch (DkimSyntaxException e) {
            return false;
        }
    }

    /** RFC 7489 §6.3: p=quarantine or p=reject protect the domain; p=none only monitors. */
    private static Optional<String> enforcingDmarc(String found) {
        try {
            DmarcPolicy p = DmarcRecord.parse(found).policy();
            return p == DmarcPolicy.NONE ? Optional.of("p=none only monitors; use quarantine or reject") : Optional.empty();
        } catch (DmarcSyntaxException e) {
            return Optional.of("invalid DMARC record: " + e.getMessage());
        }
    }

    private static String tag(String txt, String name) {
        try {
            return TagList.parse(txt).get(name).orElse("");
        } catch (DkimSyntaxException e) {
            return "";
        }
    }
}
