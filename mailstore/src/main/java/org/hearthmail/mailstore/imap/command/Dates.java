package org.hearthmail.mailstore.imap.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/** IMAP date and date-time (RFC 3501 §9): {@code 1-Feb-1994} and {@code " 1-Feb-1994 21:52:25 -0800"}. */
final class Dates {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ROOT);
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private Dates() {
    }

    static Instant parseDateTime(String s) throws ImapSyntaxException {
        try {
            return OffsetDateTime.parse(capitalize(s.strip()), DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("invalid date-time: " + s);
        }
    }

    static LocalDate parseDate(String s) throws ImapSyntaxException {
        try {
            return LocalDate.parse(capitalize(s.strip()), DATE);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("invalid date: " + s);
        }
    }

    /** RFC 3501 §9 date-time; the day is space-padded (date-day-fixed). */
    static String format(Instant t) {
        String s = OUT.format(t.atOffset(ZoneOffset.UTC));
        return s.startsWith("0") ? " " + s.substring(1) : s;
    }

    private static String capitalize(String s) {
        // Month names are case-insensitive on the wire.
        int a = s.indexOf('-');
        if (a < 0 || a + 4 > s.length()) {
            return s;
        }
        String m = s.substring(a + 1, a + 4);
        return s.substring(0, a + 1) + m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1).toLowerCase(Locale.ROOT)
                + s.substring(a + 4);
    }
}
