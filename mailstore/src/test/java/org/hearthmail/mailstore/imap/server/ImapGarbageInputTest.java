package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Random;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.Test;

/** Random junk over a real socket, before and after login: the server answers or closes, never hangs or dies. */
class ImapGarbageInputTest {
    private static final byte[] ALPHABET = "aA1 ()[]{}<>\"\\*%+-.:\r\n\0\u00ff~FETCHLOGINAPPEND".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void junkLinesNeverBreakTheServer() throws Exception {
        Random random = new Random(4242);
        try (ImapTestServer server = new ImapTestServer(new MemoryMailStore(StoreOptions.defaults()),
                b -> b.allowPlaintextAuth(true).maxBadCommands(100_000))) {
            server.deliver("Subject: x\r\n\r\nbody\r\n");
            int answeredRounds = 0;
            for (int round = 0; round < 20; round++) {
                try (ImapClient c = round % 2 == 0 ? server.login() : server.connect()) {
                    if (round % 2 == 1) {
                        c.readLine();
                    } else {
                        c.command("s", "SELECT INBOX");
                    }
                    for (int i = 0; i < 30; i++) {
                        byte[] junk = new byte[random.nextInt(80)];
                        for (int j = 0; j < junk.length; j++) {
                            junk[j] = ALPHABET[random.nextInt(ALPHABET.length)];
                        }
                        c.sendBytes(junk);
                    }
                    // Whatever state the junk left, a fresh line must get an answer: resynchronize with
                    // enough line ends to close a quoted string, then a tagged NOOP.
                    c.send("\r\n\r\nzz9 NOOP\r\n");
                    c.setTimeout(2000);
                    boolean answered = false;
                    try {
                        for (int k = 0; k < 10_000 && !answered; k++) {
                            String line = c.readLine();
                            if (line == null) {
                                break; // closed (e.g. an announced literal too big to skip): acceptable
                            }
                            answered = line.startsWith("zz9 ");
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // The junk announced a literal the server is still reading: acceptable, as it is bounded.
                    }
                    answeredRounds += answered ? 1 : 0;
                }
            }
            System.out.println("garbage rounds answered: " + answeredRounds + " of 20");
            assertThat(answeredRounds).isGreaterThanOrEqualTo(10);
            // The server is still healthy.
            try (ImapClient c = server.login()) {
                assertThat(c.command("a", "SELECT INBOX")).last().isEqualTo("a OK [READ-WRITE] SELECT completed");
                assertThat(c.command("b", "FETCH 1 BODY.PEEK[TEXT]").get(0)).isEqualTo("* 1 FETCH (BODY[TEXT] {6}\r\nbody\r\n)");
            }
        } catch (IOException e) {
            throw new AssertionError("server misbehaved", e);
        }
    }
}
