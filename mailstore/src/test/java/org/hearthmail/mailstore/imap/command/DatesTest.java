package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.junit.jupiter.api.Test;

/** SEARCH dates (RFC 3501 §9 date-text) read by hand answer as java.time's parser did before. */
class DatesTest {
    private static final DateTimeFormatter BEFORE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ROOT);
    private static final String[] MONTHS = {"Jan", "feb", "MAR", "aPr", "May", "Jun", "jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    @Property(tries = 500)
    void aDateReadsAsJavaTimeReadsItIncludingDaysPastTheMonthsEnd(@ForAll @IntRange(min = 0, max = 33) int day,
            @ForAll @IntRange(min = 0, max = 11) int month, @ForAll @IntRange(min = 0, max = 9999) int year)
            throws ImapSyntaxException {
        String text = day + "-" + MONTHS[month] + "-" + String.format("%04d", year);
        LocalDate expected;
        try {
            String m = MONTHS[month];
            expected = LocalDate.parse(day + "-" + m.substring(0, 1).toUpperCase(Locale.ROOT)
                    + m.substring(1).toLowerCase(Locale.ROOT) + "-" + String.format("%04d", year), BEFORE);
        } catch (DateTimeParseException e) {
            expected = null;
        }
        if (expected == null) {
            assertThatThrownBy(() -> Dates.parseDate(text)).isInstanceOf(ImapSyntaxException.class);
        } else {
            assertThat(Dates.parseDate(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void malformedDatesAreSyntaxErrors() {
        for (String bad : new String[] {"", "15-Apr", "15-Apr-25", "115-Apr-2025", "15-Apx-2025", "15/Apr/2025",
                "x5-Apr-2025", "15-Apr-20x5", "-Apr-2025", "15-Apr-20255", "15-ApR2025"}) {
            assertThatThrownBy(() -> Dates.parseDate(bad)).as(bad).isInstanceOf(ImapSyntaxException.class);
        }
    }

    @Test
    void aOneDigitDayAndSurroundingSpaceAreAccepted() throws ImapSyntaxException {
        assertThat(Dates.parseDate(" 1-feb-1994 ")).isEqualTo(LocalDate.of(1994, 2, 1));
        assertThat(Dates.parseDate("31-Apr-2025")).isEqualTo(LocalDate.of(2025, 4, 30));
    }
}
