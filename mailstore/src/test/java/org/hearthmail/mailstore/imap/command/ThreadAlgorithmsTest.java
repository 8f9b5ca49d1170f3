package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.mailstore.imap.mime.HeaderBlock;
import org.junit.jupiter.api.Test;

/**
 * RFC 5256 §4 THREAD=REFERENCES and THREAD=ORDEREDSUBJECT on messages given as their header
 * fields (sequence number n, sent n minutes after 10:00 unless a test says otherwise), rendered in
 * the §4 response syntax.
 */
class ThreadAlgorithmsTest {
    private final List<SortRow> rows = new ArrayList<>();

    private void msg(int seq, String... fields) {
        StringBuilder h = new StringBuilder();
        boolean dated = false;
        for (String f : fields) {
            h.append(f).append("\r\n");
            dated |= f.startsWith("Date:");
        }
        if (!dated) {
            h.append(String.format("Date: Mon, 3 Mar 2025 %02d:%02d:00 +0000\r\n", 10 + seq / 60, seq % 60));
        }
        byte[] raw = h.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        rows.add(new SortRow(seq, seq, 100, 0, SortFields.of(HeaderBlock.parse(raw, 0, raw.length))));
    }

    private String references() {
        return ThreadNode.render(ReferencesThreader.thread(rows), false);
    }

    private String orderedSubject() {
        return ThreadNode.render(OrderedSubjectThreader.thread(rows), false);
    }

    @Test
    void referencesBuildsTheTreeOfRfc5256Section4Example() {
        // RFC 5256 §4: "(3 6 (4 23)(44 7 96))" — 3 parent of 6, 6 of 4 and 44, 4 of 23, 44 of 7, 7 of 96.
        msg(3, "Message-ID: <3@x>", "Subject: plans");
        msg(4, "Message-ID: <4@x>", "Subject: Re: plans", "References: <3@x> <6@x>");
        msg(6, "Message-ID: <6@x>", "Subject: Re: plans", "References: <3@x>");
        msg(7, "Message-ID: <7@x>", "Subject: Re: plans", "References: <3@x> <6@x> <44@x>");
        msg(23, "Message-ID: <23@x>", "Subject: Re: plans", "References: <3@x> <6@x> <4@x>");
        msg(44, "Message-ID: <44@x>", "Subject: Re: plans", "References: <3@x> <6@x>");
        msg(96, "Message-ID: <96@x>", "Subject: Re: plans", "In-Reply-To: <7@x>");
        assertThat(references()).isEqualTo("(3 6 (4 23)(44 7 96))");
    }

    @Test
    void messagesWhoseParentIsMissingShareADummyAtTheTopLevel() {
        msg(1, "Message-ID: <1@x>", "Subject: one", "References: <gone@x>");
        msg(2, "Message-ID: <2@x>", "Subject: two", "References: <gone@x>");
        msg(3, "Message-ID: <3@x>", "Subject: three", "References: <also-gone@x>");
        // RFC 5256 §4 (3): a dummy with one child gives way to it even at the top level.
        assertThat(references()).isEqualTo("((1)(2))(3)");
    }

    @Test
    void aDummyInsideAThreadGivesWayToItsChildren() {
        msg(1, "Message-ID: <1@x>", "Subject: a");
        msg(2, "Message-ID: <2@x>", "Subject: b", "References: <1@x> <gone@x>");
        msg(3, "Message-ID: <3@x>", "Subject: c", "References: <1@x> <gone@x>");
        assertThat(references()).isEqualTo("(1 (2)(3))");
    }

    @Test
    void referencesThatWouldMakeALoopAreNotLinked() {
        msg(1, "Message-ID: <a@x>", "Subject: a", "References: <b@x>");
        msg(2, "Message-ID: <b@x>", "Subject: b", "References: <a@x>");
        msg(3, "Message-ID: <c@x>", "Subject: c", "References: <c@x> <d@x> <c@x>");
        msg(4, "Message-ID: <d@x>", "Subject: d", "References: <d@x>");
        String threads = references();
        // 1 is 2's child (made first); linking 2 under 1 would make a loop, so 2 stays at the top.
        assertThat(threads).startsWith("(2 1)");
        assertThat(numbers(threads)).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void aDuplicateMessageIdBelongsToTheFirstMessageOnly() {
        msg(1, "Message-ID: <dup@x>", "Subject: first");
        msg(2, "Message-ID: <dup@x>", "Subject: second");
        msg(3, "Message-ID: <3@x>", "Subject: third", "References: <dup@x>");
        assertThat(references()).isEqualTo("(1 3)(2)");
    }

    @Test
    void messagesWithoutMessageIdStandAlone() {
        msg(1, "Subject: a");
        msg(2, "Subject: b");
        msg(3, "Subject: c", "In-Reply-To: <nowhere@x>");
        assertThat(references()).isEqualTo("(1)(2)(3)");
    }

    @Test
    void aReplyWithoutReferencesJoinsTheThreadOfItsSubject() {
        msg(1, "Message-ID: <1@x>", "Subject: Lunch");
        msg(2, "Message-ID: <2@x>", "Subject: Re: lunch");
        msg(3, "Message-ID: <3@x>", "Subject: other");
        assertThat(references()).isEqualTo("(1 2)(3)");
    }

    @Test
    void twoOriginalsOfOneSubjectAreJoinedUnderADummy() {
        msg(1, "Message-ID: <1@x>", "Subject: Lunch");
        msg(2, "Message-ID: <2@x>", "Subject: [list] LUNCH");
        assertThat(references()).isEqualTo("((1)(2))");
    }

    @Test
    void anOriginalSentAfterItsReplyStillBecomesTheParent() {
        msg(1, "Message-ID: <1@x>", "Subject: Re: Lunch");
        msg(2, "Message-ID: <2@x>", "Subject: Lunch");
        assertThat(references()).isEqualTo("(2 1)");
    }

    @Test
    void threadsOfADummyAndAMessageOfOneSubjectMergeUnderTheDummy() {
        msg(1, "Message-ID: <1@x>", "Subject: Re: Lunch", "References: <gone@x>");
        msg(2, "Message-ID: <2@x>", "Subject: Re: Lunch", "References: <gone@x>");
        msg(3, "Message-ID: <3@x>", "Subject: Lunch");
        assertThat(references()).isEqualTo("((1)(2)(3))");
    }

    @Test
    void emptySubjectsAreNeverMerged() {
        msg(1, "Message-ID: <1@x>");
        msg(2, "Message-ID: <2@x>", "Subject: Re:");
        assertThat(references()).isEqualTo("(1)(2)");
    }

    @Test
    void siblingsAndThreadsFollowSentDateWithTheSequenceNumberBreakingTies() {
        msg(1, "Message-ID: <1@x>", "Subject: root", "Date: Mon, 3 Mar 2025 12:00:00 +0000");
        msg(2, "Message-ID: <2@x>", "Subject: x", "References: <1@x>", "Date: Mon, 3 Mar 2025 14:00:00 +0000");
        msg(3, "Message-ID: <3@x>", "Subject: y", "References: <1@x>", "Date: Mon, 3 Mar 2025 13:00:00 +0000");
        msg(4, "Message-ID: <4@x>", "Subject: z", "References: <1@x>", "Date: Mon, 3 Mar 2025 13:00:00 +0000");
        msg(5, "Message-ID: <5@x>", "Subject: early", "Date: Mon, 3 Mar 2025 09:00:00 +0000");
        assertThat(references()).isEqualTo("(5)(1 (3)(4)(2))");
    }

    @Test
    void orderedSubjectGroupsByBaseSubjectWithTheFirstMessageAsParentOfTheRest() {
        msg(1, "Subject: lunch");
        msg(2, "Subject: report");
        msg(3, "Subject: Re: lunch");
        msg(4, "Subject: Re: report");
        msg(5, "Subject: RE: Lunch (fwd)");
        msg(6, "Subject: alone");
        // RFC 5256 §4 ORDEREDSUBJECT: no grandchildren; threads by the sent date of their first message.
        assertThat(orderedSubject()).isEqualTo("(1 (3)(5))(2 4)(6)");
    }

    @Test
    void orderedSubjectUsesTheSentDateNotTheSequence() {
        msg(1, "Subject: a", "Date: Mon, 3 Mar 2025 12:00:00 +0000");
        msg(2, "Subject: Re: a", "Date: Mon, 3 Mar 2025 11:00:00 +0000");
        msg(3, "Subject: b", "Date: Mon, 3 Mar 2025 10:00:00 +0000");
        assertThat(orderedSubject()).isEqualTo("(3)(2 1)");
    }

    @Test
    void noMessagesGiveNoThreads() {
        assertThat(references()).isEmpty();
        assertThat(orderedSubject()).isEmpty();
    }

    @Test
    void aLongReplyChainRendersWithoutDeepRecursion() {
        for (int i = 1; i <= 20_000; i++) {
            msg(i, "Message-ID: <" + i + "@x>", "Subject: chain", i > 1 ? "In-Reply-To: <" + (i - 1) + "@x>" : "X: y");
        }
        String threads = references();
        assertThat(threads).startsWith("(1 2 3 ").endsWith(" 19999 20000)");
    }

    private static List<Integer> numbers(String threads) {
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\d+").matcher(threads);
        while (m.find()) {
            out.add(Integer.parseInt(m.group()));
        }
        return out;
    }
}
