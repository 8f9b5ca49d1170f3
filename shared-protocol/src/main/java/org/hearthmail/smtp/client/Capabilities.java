package org.hearthmail.smtp.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.hearthmail.smtp.Reply;

/**
 * What the server advertised in its EHLO reply (RFC 5321 §4.1.1.1): the first line is the
 * server's name and greeting, each further line one {@code ehlo-keyword *(SP ehlo-param)}.
 * Keywords are case-insensitive and stored upper-cased; parameters keep their case.
 *
 * @param esmtp false when the session fell back to HELO, so no extension may be used
 * @param serverName the domain the server named on the first line of its EHLO/HELO reply
 * @param keywords keyword to its parameters, in advertised order
 */
public record Capabilities(boolean esmtp, String serverName, Map<String, List<String>> keywords) {

    /** After a HELO fallback: plain RFC 5321 without extensions. */
    public static Capabilities helo(Reply heloReply) {
        return new Capabilities(false, firstWord(heloReply.lines().get(0)), Map.of());
    }

    public Capabilities {
        keywords = Map.copyOf(keywords);
    }

    /** Parses a positive EHLO reply. Lines that are not valid keywords are ignored (RFC 5321 §4.1.1.1 ehlo-keyword grammar). */
    public static Capabilities parse(Reply ehloReply) {
        List<String> lines = ehloReply.lines();
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split(" +");
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            // RFC 5321 §4.1.1.1: ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
            if (!keyword.matches("[A-Z0-9][A-Z0-9-]*")) {
                continue;
            }
            map.putIfAbsent(keyword, List.of(parts).subList(1, parts.length));
        }
        return new Capabilities(true, firstWord(lines.get(0)), map);
    }

    private static String firstWord(String line) {
        String t = line.trim();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    public boolean has(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    public List<String> params(String keyword) {
        return keywords.getOrDefault(keyword.toUpperCase(Locale.ROOT), List.of());
    }

    /** RFC 2920. */
    public boolean pipelining() {
        return has("PIPELINING");
    }

    /**
     * RFC 1870 §4: {@code SIZE [number]}; empty when not advertised, 0 when advertised without a
     * number or with 0 (no fixed limit).
     */
    public OptionalLong size() {
        if (!has("SIZE")) {
            return OptionalLong.empty();
        }
        List<String> p = params("SIZE");
        if (p.isEmpty()) {
            return OptionalLong.of(0);
        }
        try {
            return OptionalLong.of(Long.parseLong(p.get(0)));
        } catch (NumberFormatException e) {
            return OptionalLong.of(0); // unparsable limit: treat as "no declared limit"
        }
    }

    /** RFC 6152. */
    public boolean eightBitMime() {
        return has("8BITMIME");
    }

    /** RFC 6531. */
    public boolean smtpUtf8() {
        return has("SMTPUTF8");
    }

    /** RFC 2034. */
    public boolean enhancedStatusCodes() {
        return has("ENHANCEDSTATUSCODES");
    }

    /** RFC 3207. */
    public boolean startTls() {
        return has("STARTTLS");
    }

    /** RFC 3030. */
    public boolean chunking() {
        return has("CHUNKING");
    }

    /** RFC 3030 §3. */
    public boolean binaryMime() {
        return has("BINARYMIME");
    }

    /** RFC 3461. */
    public boolean dsn() {
        return has("DSN");
    }

    /** RFC 4954 §3: the SASL mechanisms after {@code AUTH}, upper-cased. */
    public Set<String> authMechanisms() {
        TreeSet<String> s = new TreeSet<>();
        for (String p : params("AUTH")) {
            s.add(p.toUpperCase(Locale.ROOT));
        }
        return Set.copyOf(s);
    }

    /** Postfix XCLIENT_README: the attribute names after {@code XCLIENT}, upper-cased. */
    public Set<String> xclientAttributes() {
        TreeSet<String> s = new TreeSet<>();
        for (String p : params("XCLIENT")) {
            s.add(p.toUpperCase(Locale.ROOT));
        }
        return Set.copyOf(s);
    }

    /** True when {@code XCLIENT} was advertised. */
    public boolean xclient() {
        return has("XCLIENT");
    }
}
