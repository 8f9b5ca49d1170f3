package org.hearthmail.dmarc;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hearthmail.dkim.DkimSyntaxException;
import org.hearthmail.dkim.TagList;

/**
 * A DMARC policy record (RFC 7489 §6.3). Reporting tags (rua, ruf, fo, rf, ri) are read for
 * validity of p= only; reports are not sent.
 */
public record DmarcRecord(DmarcPolicy policy, Optional<DmarcPolicy> subdomainPolicy, Alignment dkimAlignment,
                          Alignment spfAlignment, int percent) {

    private static final Pattern VERSION = Pattern.compile("^v\\s*=\\s*DMARC1\\s*(;.*)?$", Pattern.DOTALL);

    public DmarcRecord {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("pct out of range: " + percent);
        }
    }

    /** §6.6.3: only records whose first tag is exactly v=DMARC1 are considered. */
    public static boolean isDmarcRecord(String txt) {
        return VERSION.matcher(txt.strip()).matches();
    }

    public static DmarcRecord parse(String txt) throws DmarcSyntaxException {
        if (!isDmarcRecord(txt)) {
            throw new DmarcSyntaxException("not a DMARC1 record");
        }
        TagList tags;
        try {
            tags = TagList.parse(txt);
        } catch (DkimSyntaxException e) {
            throw new DmarcSyntaxException(e.getMessage());
        }
        Optional<DmarcPolicy> p = tags.get("p").flatMap(DmarcPolicy::of);
        if (p.isEmpty()) {
            // §6.6.3: a missing or invalid p= with a rua= is treated as p=none; otherwise the record is unusable.
            if (tags.get("rua").filter(v -> !v.isBlank()).isPresent()) {
                p = Optional.of(DmarcPolicy.NONE);
            } else {
                throw new DmarcSyntaxException("missing or invalid p=");
            }
        }
        Optional<DmarcPolicy> sp = Optional.empty();
        if (tags.get("sp").isPresent()) {
            sp = DmarcPolicy.of(tags.get("sp").get());
            if (sp.isEmpty()) {
                throw new DmarcSyntaxException("invalid sp=");
            }
        }
        return new DmarcRecord(p.get(), sp, alignment(tags, "adkim"), alignment(tags, "aspf"), percent(tags));
    }

    private static Alignment alignment(TagList tags, String name) throws DmarcSyntaxException {
        String v = tags.get(name).orElse("r").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "r" -> Alignment.RELAXED;
            case "s" -> Alignment.STRICT;
            default -> throw new DmarcSyntaxException("invalid " + name + "=");
        };
    }

    private static int percent(TagList tags) throws DmarcSyntaxException {
        String v = tags.get("pct").orElse("100");
        if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) > 100) {
            throw new DmarcSyntaxException("invalid pct=");
        }
        return Integer.parseInt(v);
    }
}
