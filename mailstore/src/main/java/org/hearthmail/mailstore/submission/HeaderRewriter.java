package org.hearthmail.mailstore.submission;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Rewrites the header section of a submitted message (RFC 5322 §2.2): removes the configured
 * metadata fields (the client's Received line and IP, X-Originating-IP, X-Mailer, User-Agent...),
 * adds Date and Message-ID when missing (RFC 6409 §8.2, §8.3: the MSA may add them), and reads the
 * From and Sender addresses for the sender check. Every other field passes byte for byte.
 */
final class HeaderRewriter {

    /** RFC 5322 §3.3 date-time, in UTC so that the user's time zone does not leak. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> strip = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Supplier<ZonedDateTime> now;

    HeaderRewriter(List<String> stripHeaders, Supplier<ZonedDateTime> now) {
        this.strip.addAll(stripHeaders);
        this.now = now;
    }

    /**
     * The outcome for one header section.
     *
     * @param header       the rewritten section, every field CRLF-terminated (no blank line)
     * @param from         addresses of every From field, in order; empty if none or unparseable
     * @param sender       addresses of the Sender field(s)
     * @param fromDomain   the domain of the first From address (the DKIM d=), or null
     */
    record Result(byte[] header, List<String> from, List<String> sender, String fromDomain) {
    }

    /** @param header the section as received, ISO-8859-1 decoded (one char per octet), fields ending CRLF */
    Result rewrite(String header) {
        List<String> fields = split(header);
        StringBuilder out = new StringBuilder(header.length() + 128);
        List<String> from = new ArrayList<>();
        List<String> sender = new ArrayList<>();
        boolean fromBroken = false;
        boolean hasDate = false;
        boolean hasMessageId = false;
        for (String f : fields) {
            String name = name(f);
            if (name != null && strip.contains(name)) {
                continue;
            }
            if (name != null) {
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "from" -> fromBroken |= !addresses(f, from);
                    case "sender" -> fromBroken |= !addresses(f, sender);
                    case "date" -> hasDate = true;
                    case "message-id" -> hasMessageId = true;
                    default -> { }
                }
            }
            out.append(f);
        }
        String domain = from.isEmpty() ? null : from.get(0).substring(from.get(0).lastIndexOf('@') + 1);
        if (!hasDate) {
            // RFC 5322 §3.6.1: the origination date is required.
            out.append("Date: ").append(DATE.format(now.get().withZoneSameInstant(ZoneOffset.UTC))).append("\r\n");
        }
        if (!hasMessageId && domain != null) {
            // RFC 5322 §3.6.4: msg-id = "<" id-left "@" id-right ">"; random left part, From domain right.
            byte[] r = new byte[16];
            RANDOM.nextBytes(r);
            out.append("Message-ID: <").append(HexFormat.of().formatHex(r)).append('@').append(domain).append(">\r\n");
        }
        if (fromBroken) {
            from.clear();
        }
        return new Result(out.toString().getBytes(StandardCharsets.ISO_8859_1), List.copyOf(from), List.copyOf(sender),
                fromBroken ? null : domain);
    }

    /** Splits into fields, each with its continuation lines (RFC 5322 §2.2.3). */
    static List<String> split(String header) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < header.length()) {
            int eol = header.indexOf("\r\n", i);
            int next = eol < 0 ? header.length() : eol + 2;
            boolean continues = next < header.length() && (header.charAt(next) == ' ' || header.charAt(next) == '\t');
            if (!continues) {
                fields.add(header.substring(start, next));
                start = next;
            }
            i = next;
        }
        return fields;
    }

    /** The field name (RFC 5322 §3.6.8), or null for a line that is not a field. */
    static String name(String field) {
        int colon = field.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String n = field.substring(0, colon).stripTrailing();
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) <= 32 || n.charAt(i) >= 127) {
                return null;
            }
        }
        return n;
    }

    /** Adds the addr-specs of a From/Sender field; false if it cannot be parsed (RFC 5322 §3.4). */
    private static boolean addresses(String field, List<String> into) {
        // Unfold (§2.2.3) and read the octets as UTF-8, as RFC 6532 allows in header values.
        String raw = field.substring(field.indexOf(':') + 1).replace("\r\n", "");
        String value = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).strip();
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(value, true);
            if (parsed.length == 0) {
                return false;
            }
            for (InternetAddress a : parsed) {
                if (a.isGroup()) {
                    // A group (RFC 5322 §3.4) names no single author; not a sendable From.
                    return false;
                }
                String addr = a.getAddress();
                if (addr == null || addr.indexOf('@') <= 0) {
                    return false;
                }
                into.add(addr);
            }
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}
