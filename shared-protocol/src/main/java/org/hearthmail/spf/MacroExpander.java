package org.hearthmail.spf;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.google.common.net.InetAddresses;

/** RFC 7208 §7: macro syntax check and expansion. */
public final class MacroExpander {

    // RFC 7208 §7.1: delimiter = "." / "-" / "+" / "," / "/" / "_" / "="
    private static final String DELIMITERS = ".-+,/_=";

    private MacroExpander() { }

    /** Checks macro-string syntax (§7.1); {@code explanation} also allows c, r, t and SP (§6.2). */
    public static void validate(String s, boolean explanation) throws SpfPermError {
        expand(s, null, explanation);
    }

    /** Whether expanding {@code s} needs %{p}, which costs a DNS lookup. */
    public static boolean needsValidatedName(String s) {
        return s.toLowerCase(Locale.ROOT).contains("%{p");
    }

    /**
     * Expands a macro string. With {@code ctx == null} only the syntax is checked.
     *
     * @throws SpfPermError on a syntax error (§7.1)
     */
    public static String expand(String s, MacroContext ctx, boolean explanation) throws SpfPermError {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                // macro-literal = %x21-24 / %x26-7E; explain-string adds SP
                if (!(c >= 0x21 && c <= 0x7E) && !(explanation && c == ' ')) {
                    throw new SpfPermError("invalid character in macro string");
                }
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new SpfPermError("'%' at end of macro string");
            }
            char n = s.charAt(i + 1);
            switch (n) {
                case '%' -> { out.append('%'); i += 2; }
                case '_' -> { out.append(' '); i += 2; }
                case '-' -> { out.append("%20"); i += 2; }
                case '{' -> {
                    int close = s.indexOf('}', i + 2);
                    if (close < 0) {
                        throw new SpfPermError("unterminated macro");
                    }
                    out.append(expandOne(s.substring(i + 2, close), ctx, explanation));
                    i = close + 1;
                }
                default -> throw new SpfPermError("invalid macro escape %" + n);
            }
        }
        return out.toString();
    }

    // macro-expand = "%{" macro-letter transformers *delimiter "}"
    private static String expandOne(String body, MacroContext ctx, boolean explanation) throws SpfPermError {
        if (body.isEmpty()) {
            throw new SpfPermError("empty macro");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        boolean allowed = "slodiphv".indexOf(lower) >= 0 || (explanation && "crt".indexOf(lower) >= 0);
        if (!allowed) {
            throw new SpfPermError("invalid macro letter " + letter);
        }
        int j = 1;
        int digitsStart = j;
        while (j < body.length() && Character.isDigit(body.charAt(j))) {
            j++;
        }
        Integer keep = null;
        if (j > digitsStart) {
            String digits = body.substring(digitsStart, j);
            // §7.3: a DIGIT transformer must be at least one.
            keep = digits.length() > 3 ? Integer.valueOf(999) : Integer.valueOf(digits);
            if (keep == 0) {
                throw new SpfPermError("macro transformer 0");
            }
        }
        boolean reverse = false;
        if (j < body.length() && (body.charAt(j) == 'r' || body.charAt(j) == 'R')) {
            reverse = true;
            j++;
        }
        String delims = body.substring(j);
        for (char d : delims.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfPermError("invalid macro delimiter " + d);
            }
        }
        if (ctx == null) {
            return "";
        }
        String value = transform(value(lower, ctx), keep, reverse, delims.isEmpty() ? "." : delims);
        // §7.3: uppercase macros are URL escaped.
        return Character.isUpperCase(letter) ? urlEscape(value) : value;
    }

    private static String value(char letter, MacroContext ctx) {
        return switch (letter) {
            case 's' -> ctx.sender();
            case 'l' -> ctx.localPart();
            case 'o' -> ctx.senderDomain();
            case 'd' -> ctx.domain();
            case 'i' -> dotFormat(ctx);
            case 'p' -> ctx.validatedName() == null ? "unknown" : ctx.validatedName();
            case 'v' -> ctx.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> ctx.helo();
            case 'c' -> InetAddresses.toAddrString(ctx.ip());
            case 'r' -> ctx.receiver();
            case 't' -> Long.toString(ctx.timestamp());
            default -> throw new IllegalStateException("validated letter " + letter);
        };
    }

    /** §7.3: IPv4 dotted quad; IPv6 as dot-separated nibbles. */
    private static String dotFormat(MacroContext ctx) {
        if (ctx.ip() instanceof Inet4Address) {
            return ctx.ip().getHostAddress();
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : ctx.ip().getAddress()) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append('.')
              .append(Character.forDigit(b & 0xF, 16)).append('.');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private static String transform(String value, Integer keep, boolean reverse, String delims) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < value.length(); k++) {
            if (delims.indexOf(value.charAt(k)) >= 0) {
                parts.add(value.substring(start, k));
                start = k + 1;
            }
        }
        parts.add(value.substring(start));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep != null && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    private static String urlEscape(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            // RFC 3986 §2.3 unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }
}
