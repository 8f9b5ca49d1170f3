package org.hearthmail.mailstore.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import org.hearthmail.dkim.DkimKeys;
import org.hearthmail.dkim.DkimSigner;
import org.hearthmail.dkim.DkimSigningKey;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header section is found and rewritten wherever the chunks split it. */
class MessageAssemblerTest {

    @TempDir
    Path dir;

    private static final DkimSigner SIGNER = new DkimSigner(List.of(new DkimSigningKey("example.test", "s",
            DkimKeys.generateEd25519().getPrivate())), Clock.systemUTC());
    private static final String MESSAGE = "From: a@example.test\r\nX-Mailer: m\r\n\tcontinued\r\nSubject: s\r\n"
            + "Date: Mon, 3 Mar 2025 10:00:00 +0000\r\nMessage-ID: <x@y>\r\n\r\nbody\r\nX-Mailer: in body\r\n";

    private String assemble(String message, int[] cuts, Reply[] refusal) throws Exception {
        MessageSpool spool = new MessageSpool(dir);
        HeaderRewriter rw = new HeaderRewriter(List.of("X-Mailer"), ZonedDateTime::now);
        MessageAssembler a = new MessageAssembler(rw, r -> new MessageAssembler.HeaderVerdict(null, SIGNER), spool);
        byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
        int prev = 0;
        for (int cut : cuts) {
            a.write(java.util.Arrays.copyOfRange(b, prev, cut));
            prev = cut;
        }
        a.write(java.util.Arrays.copyOfRange(b, prev, b.length));
        refusal[0] = a.finish();
        String out = Files.readString(spool.file(), StandardCharsets.ISO_8859_1);
        spool.close();
        return out;
    }

    @Test
    void everySplitPositionGivesTheSameRewrittenMessage() throws Exception {
        String expected = "From: a@example.test\r\nSubject: s\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\n"
                + "Message-ID: <x@y>\r\n\r\nbody\r\nX-Mailer: in body\r\n";
        Reply[] refusal = new Reply[1];
        for (int i = 1; i < MESSAGE.length(); i++) {
            assertThat(assemble(MESSAGE, new int[] {i}, refusal)).as("split at " + i).isEqualTo(expected);
            assertThat(refusal[0]).isNull();
        }
        for (int i = 1; i + 1 < MESSAGE.length(); i += 3) {
            assertThat(assemble(MESSAGE, new int[] {i, i + 1}, refusal)).as("one-byte chunk at " + i).isEqualTo(expected);
        }
    }

    @Test
    void aMessageWithoutBodyOrWithoutHeaderIsHandled() throws Exception {
        Reply[] refusal = new Reply[1];
        String headerOnly = assemble("From: a@example.test\r\nSubject: s", new int[] {}, refusal);
        assertThat(headerOnly).startsWith("From: a@example.test\r\nSubject: s\r\nDate: ").endsWith("@example.test>\r\n\r\n");
        String noHeader = assemble("\r\nbody only\r\n", new int[] {1}, refusal);
        assertThat(noHeader).startsWith("Date: ").endsWith("\r\n\r\nbody only\r\n");
    }

    @Test
    void anOversizedHeaderSectionIsRefused() throws Exception {
        Reply[] refusal = new Reply[1];
        String big = "From: a@example.test\r\n" + ("X-Pad: " + "x".repeat(990) + "\r\n").repeat(1100) + "\r\nbody\r\n";
        assemble(big, new int[] {5000, 600000}, refusal);
        assertThat(refusal[0]).isEqualTo(SubmissionReplies.HEADER_TOO_BIG);
    }
}
