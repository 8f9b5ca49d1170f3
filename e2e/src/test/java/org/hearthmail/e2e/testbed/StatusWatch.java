package org.hearthmail.e2e.testbed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a program's {@code status --json} (the file its {@code run} rewrites every 5 s) until a
 * condition holds; bounded in time.
 */
public final class StatusWatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusWatch() {
    }

    /** {@code /tunnel/health} of a status: "UP", "STALE" or "DOWN". */
    public static String tunnelHealth(JsonNode status) {
        return status.at("/tunnel/health").asText();
    }

    /**
     * @param status runs the {@code status --json} command once
     * @return the first status for which {@code ok} holds
     * @throws TestbedException with the last output when none did within {@code limit}
     */
    public static JsonNode await(Supplier<Exec.Result> status, Predicate<JsonNode> ok, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (true) {
            Exec.Result r = status.get();
            last = "exit " + r.exit() + ": " + r.stdout() + r.stderr();
            if (r.ok()) {
                try {
                    JsonNode s = JSON.readTree(r.stdout());
                    if (ok.test(s)) {
                        return s;
                    }
                } catch (JsonProcessingException e) {
                    last = "not JSON (" + e.getOriginalMessage() + "): " + r.stdout();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TestbedException(what + " not seen within " + limit.toSeconds() + " s; last status " + last);
            }
            Netns.sleep(Duration.ofMillis(500));
        }
    }
}
