package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 §2.1 base subject extraction, step by step, and whether a subject marks a reply or forward. */
class BaseSubjectTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // (2) trailing "(fwd)" and WSP, repeatedly
            "Lunch (fwd)|Lunch|true",
            "Lunch (FWD)  (fwd) |Lunch|true",
            "Lunch   |Lunch|false",
            // (3) subj-leader: *subj-blob subj-refwd, or WSP
            "Re: Lunch|Lunch|true",
            "RE:Lunch|Lunch|true",
            "Fw: Lunch|Lunch|true",
            "FWD: Lunch|Lunch|true",
            "re [2]: Lunch|Lunch|true",
            "[list] Re: Lunch|Lunch|true",
            "Re: Re: re: Lunch|Lunch|true",
            // (4) a leading subj-blob goes when something is left
            "[list] Lunch|Lunch|false",
            "[list] [tag] Re: Lunch|Lunch|true",
            "[only a blob]|[only a blob]|false",
            "Re: [only a blob]|[only a blob]|true",
            // (6) [fwd: ...] removed, and the steps repeat inside it
            "[Fwd: Re: Lunch]|Lunch|true",
            "[fwd: [fwd: Lunch (fwd)]]|Lunch|true",
            // not a leader: "re" without a colon, "Reply:"
            "Regarding lunch|Regarding lunch|false",
            "Reply: lunch|Reply: lunch|false",
            // (1) runs of spaces and tabs become one space; non-ASCII subjects take the same steps
            "Re:  Grüße\t \taus   Köln|Grüße aus Köln|true",
            "AW: Grüße|AW: Grüße|false",
            "\"\"|\"\"|false"})
    void baseSubjectFollowsRfc5256Section2_1(String subject, String base, boolean replyOrForward) {
        BaseSubject b = BaseSubject.of(subject);
        assertThat(b.text()).isEqualTo(base);
        assertThat(b.replyOrForward()).isEqualTo(replyOrForward);
    }
}
