package org.hearthmail.smtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hearthmail.smtp.server.RecordingHandler.Stored;
import org.hearthmail.smtp.server.SmtpServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP smuggling from a separate process over a raw socket: bare CR/LF "end of data" lookalikes
 * followed by a fake second transaction. RFC 5321 §4.1.1.4: only CRLF "." CRLF ends the data;
 * §2.3.8: bare CR and LF must not be taken as line ends, so the message is refused.
 */
class SmugglingInteropTest {

    private static final List<String> SEQUENCES = List.of("LF.LF", "CR.CR", "LF.CRLF", "CR.LF", "CRLF.LF", "LF.CR");

    @TempDir
    Path dir;
    private InteropServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void smugglingSequencesNeitherEndDataNorRunTheFakeCommandsAndTheMessageIsRefusedWith554_5_6_0() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());

        PythonScript.Result r = PythonScript.run(dir, "smuggle_client.py", server.host(), server.port());

        assertThat(r.get("sequences")).isEqualTo("['LF.LF', 'CR.CR', 'LF.CRLF', 'CR.LF', 'CRLF.LF', 'LF.CR']");
        for (String seq : SEQUENCES) {
            assertThat(r.get(seq + " data")).as(seq).startsWith("'354 ");
            assertThat(r.get(seq + " early")).as(seq + ": the server answered inside DATA\n" + r.run().transcript())
                    .isEqualTo("None");
            assertThat(r.get(seq + " final")).as(seq)
                    .isEqualTo("'554 5.6.0 Bare CR or LF in message data is not allowed; use CRLF'");
            assertThat(r.get(seq + " clean")).as(seq).isEqualTo("'250 2.0.0 Message accepted'");
            assertThat(r.get(seq + " quit")).as(seq).isEqualTo("'221 2.0.0 Bye'");
        }
        // Only the clean follow-up messages were stored: nothing of a smuggling transaction, and
        // no message for the injected sender or recipient.
        assertThat(server.handler.stored).extracting(Stored::text)
                .containsExactlyElementsOf(SEQUENCES.stream().map(s -> "Subject: clean\r\n\r\nclean after " + s + "\r\n").toList());
        assertThat(server.handler.stored).allSatisfy(m -> {
            assertThat(m.envelope().mailFrom().sender()).hasToString("sender@example.org");
            assertThat(m.envelope().recipients()).extracting(rc -> rc.recipient().toString())
                    .containsExactly("bob@example.test");
        });
        assertThat(server.handler.aborted).isEqualTo(SEQUENCES.size());
    }
}
