package org.hearthmail.relay.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The shared shape of retry, delete, hold and release: act on the given ids (or all with
 * {@code --all}); exit 1 when an id is not queued. The running relay picks the change up at its next scan.
 */
abstract class QueueActionCommand implements Callable<Integer> {

    @Mixin
    QueueAccess queue;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Queue ids, as printed by 'queue list'.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "Every queued message.")
    boolean all;

    /** The past-tense word for the output, e.g. "held". */
    abstract String done();

    /** Applies the action; false when the message is not queued. */
    abstract boolean apply(QueueStore q, String id);

    @Override
    public Integer call() {
        if (all == !ids.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(queue.spec.commandLine(), "give queue ids or --all (not both)");
        }
        QueueStore q = queue.open();
        List<String> targets = all ? q.list().stream().map(QueuedMessage::id).toList() : ids;
        List<Boolean> results = new ArrayList<>();
        for (String id : targets) {
            results.add(apply(q, id));
        }
        if (queue.json) {
            queue.out().println(QueueFormat.actionJson(done(), targets, results));
        } else {
            for (int i = 0; i < targets.size(); i++) {
                queue.out().println(targets.get(i) + (results.get(i) ? ": " + done() : ": not queued"));
            }
            if (targets.isEmpty()) {
                queue.out().println("Queue is empty.");
            }
        }
        return results.contains(false) ? ExitCodes.RUNTIME_FAILURE : ExitCodes.OK;
    }
}
