package org.hearthmail.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A parsed DKIM-Signature header field (RFC 6376 §3.5).
 *
 * @param field          the header field as received
 * @param algorithmTag   a= as written
 * @param b              b= without whitespace
 * @param bh             bh= without whitespace
 * @param signedHeaders  h= names in order
 * @param identity       i=, or "@" + d when absent
 * @param length         l=, if present
 */
public record DkimSignature(HeaderField field, String algorithmTag, String b, String bh,
                            Canonicalization headerCanon, Canonicalization bodyCanon, String domain,
                            List<String> signedHeaders, String identity, OptionalLong length, String selector,
                            OptionalLong timestamp, OptionalLong expiration) {

    public DkimSignature {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** Parses and validates the tags, as required by RFC 6376 §6.1.1. */
    public static DkimSignature parse(HeaderField field) throws DkimSyntaxException {
        TagList tags = TagList.parse(field.value());
        // §6.1.1: v= must be "1".
        if (!"1".equals(tags.require("v"))) {
            throw new DkimSyntaxException("unsupported signature version v=" + tags.require("v"));
        }
        String a = tags.require("a");
        String b = TagList.removeWhitespace(tags.require("b"));
        String bh = TagList.removeWhitespace(tags.require("bh"));
        base64(b, "b");
        base64(bh, "bh");
        String domain = tags.require("d").toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            throw new DkimSyntaxException("empty d=");
        }
        String selector = tags.require("s").toLowerCase(Locale.ROOT);
        if (selector.isEmpty()) {
            throw new DkimSyntaxException("empty s=");
        }
        List<String> h = new ArrayList<>();
        for (String name : tags.require("h").split(":", -1)) {
            String n = TagList.removeWhitespace(name);
            if (n.isEmpty()) {
                throw new DkimSyntaxException("empty header name in h=");
            }
            h.add(n);
        }
        // §5.4: the From header field MUST be signed.
        if (h.stream().noneMatch(n -> n.equalsIgnoreCase("from"))) {
            throw new DkimSyntaxException("h= does not include From");
        }
        String c = tags.get("c").orElse("simple/simple");
        String[] cs = TagList.removeWhitespace(c).split("/", -1);
        if (cs.length > 2) {
            throw new DkimSyntaxException("bad c=" + c);
        }
        Canonicalization hc = Canonicalization.of(cs[0]);
        Canonicalization bc = cs.length == 2 ? Canonicalization.of(cs[1]) : Canonicalization.SIMPLE;
        String identity = tags.get("i").orElse("@" + domain);
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw new DkimSyntaxException("i= has no '@'");
        }
        String idDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
        // §3.5 i=: the domain part MUST be the same as, or a subdomain of, d=.
        if (!idDomain.equals(domain) && !idDomain.endsWith("." + domain)) {
            throw new DkimSyntaxException("i= domain is not d= or a subdomain of it");
        }
        if (tags.get("q").isPresent()
                && java.util.Arrays.stream(tags.get("q").get().split(":")).map(TagList::removeWhitespace)
                        .noneMatch(q -> q.equalsIgnoreCase("dns/txt"))) {
            throw new DkimSyntaxException("q= without dns/txt");
        }
        OptionalLong l = number(tags, "l");
        OptionalLong t = number(tags, "t");
        OptionalLong x = number(tags, "x");
        // §3.5 x=: the expiration MUST be greater than t=.
        if (t.isPresent() && x.isPresent() && x.getAsLong() < t.getAsLong()) {
            throw new DkimSyntaxException("x= is before t=");
        }
        return new DkimSignature(field, a, b, bh, hc, bc, domain, h, identity, l, selector, t, x);
    }

    private static OptionalLong number(TagList tags, String name) throws DkimSyntaxException {
        if (tags.get(name).isEmpty()) {
            return OptionalLong.empty();
        }
        String v = TagList.removeWhitespace(tags.get(name).get());
        // l=, t=, x= are 1*76DIGIT; anything past a long's range is treated as a syntax error.
        if (!v.matches("[0-9]{1,18}")) {
            throw new DkimSyntaxException("bad " + name + "=");
        }
        return OptionalLong.of(Long.parseLong(v));
    }

    private static void base64(String v, String name) throws DkimSyntaxException {
        if (v.isEmpty()) {
            throw new DkimSyntaxException("empty " + name + "=");
        }
        try {
            Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new DkimSyntaxException("bad base64 in " + name + "=");
        }
    }

    byte[] signatureBytes() {
        return Base64.getDecoder().decode(b);
    }

    byte[] bodyHashBytes() {
        return Base64.getDecoder().decode(bh);
    }

    /**
     * The header field with the b= value removed, as it was when signed (§3.7): everything after
     * "b=" up to the next ";" or the end is dropped, folding included.
     */
    String withEmptySignature() {
        String raw = field.raw();
        int colon = raw.indexOf(':');
        String value = raw.substring(colon + 1);
        StringBuilder out = new StringBuilder(raw.substring(0, colon + 1));
        int pos = 0;
        while (pos <= value.length()) {
            int semi = value.indexOf(';', pos);
            int end = semi < 0 ? value.length() : semi;
            String spec = value.substring(pos, end);
            int eq = spec.indexOf('=');
            if (eq > 0 && TagList.removeWhitespace(spec.substring(0, eq)).equals("b")) {
                String kept = spec.substring(0, eq + 1);
                String rest = spec.substring(eq + 1);
                // Keep a final CRLF if the field ends here; the value itself goes.
                out.append(kept).append(rest.endsWith("\r\n") && semi < 0 ? "\r\n" : "");
            } else {
                out.append(spec);
            }
            if (semi < 0) {
                break;
            }
            out.append(';');
            pos = semi + 1;
        }
        return out.toString();
    }
}
