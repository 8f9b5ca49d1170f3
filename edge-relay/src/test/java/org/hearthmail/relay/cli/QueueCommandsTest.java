package org.hearthmail.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;
import org.hearthmail.relay.queue.RecipientStatus;
import org.hearthmail.relay.queue.Route;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The queue commands against a real on-disk queue, as an operator runs them beside the relay. */
class QueueCommandsTest {
    @TempDir
    Path data;
    QueueStore queue;
    QueuedMessage first;
    QueuedMessage second;

    record Result(int exit, String out, String err) {
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = EdgeRelayCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        return new Result(cmd.execute(all), out.toString(), err.toString());
    }

    @BeforeEach
    void fill() {
        queue = QueueStore.open(data.resolve(QueueAccess.QUEUE_DIR));
        first = queue.enqueue(msg("alice@home.test", "bob@one.test", "carol@two.test"), "Subject: a\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        second = queue.enqueue(msg("", "dave@three.test"), "Subject: b\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII));
        queue.update(first.id(), m -> m.mapRecipients(r -> r.address().startsWith("bob")
                ? r.withOutcome(RecipientStatus.DEFERRED, 2, System.currentTimeMillis() + 3_600_000, "451 4.2.0 later", "mx.one.test")
                : r));
    }

    static QueuedMessage msg(String from, String... to) {
        return new QueuedMessage("x", from, null, null, null, false, System.currentTimeMillis(), 0, false, Route.MX,
                java.util.Arrays.stream(to).map(a -> RecipientState.pending(a, List.of(), null)).toList());
    }

    @Test
    void listShowsEachMessageWithSenderRecipientsAndCount() {
        Result r = run("queue", "list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(first.id(), "alice@home.test", "bob@one.test +1", second.id(), "<>", "2 messages");
    }

    @Test
    void listJsonIsAnArrayOfMessagesWithRecipientStates() throws Exception {
        Result r = run("queue", "list", "--json");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.isArray()).isTrue();
        assertThat(j).hasSize(2);
        assertThat(j.get(0).get("id").asText()).isEqualTo(first.id());
        assertThat(j.get(0).get("recipients").get(0).get("status").asText()).isEqualTo("DEFERRED");
        assertThat(j.get(0).get("recipients").get(0).get("lastReply").asText()).isEqualTo("451 4.2.0 later");
    }

    @Test
    void showPrintsEachRecipientsStateAndLastReply() {
        Result r = run("queue", "show", first.id());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("bob@one.test  DEFERRED, 2 attempts", "last reply from mx.one.test: 451 4.2.0 later",
                "carol@two.test  PENDING, 0 attempts");
    }

    @Test
    void showOfAnUnknownIdFailsWithOneLine() {
        Result r = run("queue", "show", "nope");
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err().strip()).isEqualTo("edge-relay queue show: error: no queued message nope");
    }

    @Test
    void holdReleaseRetryAndDeleteChangeTheQueueOnDisk() {
        assertThat(run("queue", "hold", first.id()).out()).contains(first.id() + ": held");
        assertThat(queue.find(first.id()).orElseThrow().held()).isTrue();
        assertThat(run("queue", "list").out()).contains("HOLD");
        assertThat(run("queue", "release", first.id()).exit()).isZero();
        assertThat(queue.find(first.id()).orElseThrow().held()).isFalse();

        assertThat(run("queue", "retry", first.id()).out()).contains("retry scheduled");
        assertThat(queue.find(first.id()).orElseThrow().recipients()).allMatch(x -> x.nextAttemptMillis() == 0);

        Result del = run("queue", "delete", "--json", second.id(), "missing-id");
        assertThat(del.exit()).as("one id was not queued").isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(del.out()).contains("\"ok\" : true", "\"ok\" : false");
        assertThat(queue.find(second.id())).isEmpty();
        assertThat(queue.list()).hasSize(1);
    }

    @Test
    void actionWithoutIdsOrAllIsAUsageError() {
        Result r = run("queue", "retry");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("give queue ids or --all");
    }

    @Test
    void wrongDataDirIsAnErrorNotAnEmptyQueue() {
        StringWriter err = new StringWriter();
        CommandLine cmd = EdgeRelayCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute("queue", "list", "--data-dir", data.resolve("elsewhere").toString());
        assertThat(exit).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(err.toString()).contains("no outbound queue at");
    }
}
