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

    /**
     * RFC 3501 §9: date-text = date-day "-" date-month "-" date-year, date-day = 1*2DIGIT, date-month
     * a three-letter English month name (case-insensitive), date-year = 4DIGIT. Read by hand: SEARCH
     * parses one or two dates per command, too rarely for java.time's parser to be compiled (it cost
     * milliseconds per SEARCH SENTSINCE in the benchmark). As a java.time SMART resolver does, a day
     * past the month's end (up to 31) is the month's last day.
     */
    static LocalDate parseDate(String s) throws ImapSyntaxException {
        String t = s.strip();
        int dash = t.indexOf('-');
        if (dash < 1 || dash > 2 || t.length() != dash + 9 || t.charAt(dash + 4) != '-') {
            throw new ImapSyntaxException("invalid date: " + s);
        }
        int day = digits(t, 0, dash);
        int month = MONTHS.indexOf(t.substring(dash + 1, dash + 4).toLowerCase(Locale.ROOT));
        int year = digits(t, dash + 5, dash + 9);
        if (day < 1 || day > 31 || month < 0 || month % 3 != 0 || year < 1) {
            throw new ImapSyntaxException("invalid date: " + s);
        }
        LocalDate first = LocalDate.of(year, month / 3 + 1, 1);
        return first.withDayOfMonth(Math.min(day, first.lengthOfMonth()));
    }

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    /** The number the ASCII digits {@code t[from, to)} spell, or -1 when one is not a digit. */
    private static int digits(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
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
