package org.hearthmail.relay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;

/** Text and JSON renderings of queued messages for the {@code queue} commands. */
final class QueueFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private QueueFormat() {
    }

    static String table(List<QueuedMessage> msgs, Instant now) {
        if (msgs.isEmpty()) {
            return "Queue is empty.";
        }
        StringBuilder sb = new StringBuilder(String.format("%-26s %6s %-4s %-30s %-24s %s%n", "ID", "AGE", "", "FROM",
                "RECIPIENTS", "NEXT ATTEMPT"));
        for (QueuedMessage m : msgs) {
            List<RecipientState> open = m.recipients().stream().filter(r -> !r.status().isFinal()).toList();
            String rcpt = open.isEmpty() ? "-" : open.get(0).address() + (open.size() > 1 ? " +" + (open.size() - 1) : "");
            long next = open.stream().mapToLong(RecipientState::nextAttemptMillis).min().orElse(0);
            sb.append(String.format("%-26s %6s %-4s %-30s %-24s %s%n", m.id(), age(Instant.ofEpochMilli(m.receivedMillis()), now),
                    m.held() ? "HOLD" : "", m.nullSender() ? "<>" : m.sender(), rcpt,
                    m.held() ? "held" : next <= now.toEpochMilli() ? "now" : "in " + age(now, Instant.ofEpochMilli(next))));
        }
        sb.append(msgs.size()).append(msgs.size() == 1 ? " message" : " messages");
        return sb.toString();
    }

    static String details(QueuedMessage m) {
        StringBuilder sb = new StringBuilder();
        sb.append("ID:        ").append(m.id()).append('\n');
        sb.append("Queued:    ").append(Instant.ofEpochMilli(m.receivedMillis())).append('\n');
        sb.append("From:      ").append(m.nullSender() ? "<>" : m.sender()).append('\n');
        sb.append("Size:      ").append(m.size()).append(" bytes\n");
        sb.append("Route:     ").append(m.route()).append(m.held() ? " (on hold)" : "").append('\n');
        if (m.envId() != null || m.ret() != null) {
            sb.append("DSN:       ENVID=").append(m.envId()).append(" RET=").append(m.ret()).append('\n');
        }
        sb.append("Recipients:\n");
        for (RecipientState r : m.recipients()) {
            sb.append("  ").append(r.address()).append("  ").append(r.status()).append(", ").append(r.attempts())
                    .append(r.attempts() == 1 ? " attempt" : " attempts");
            if (!r.status().isFinal() && r.nextAttemptMillis() > 0) {
                sb.append(", next ").append(Instant.ofEpochMilli(r.nextAttemptMillis()));
            }
            sb.append('\n');
            if (r.lastReply() != null) {
                sb.append("      last reply").append(r.remoteMta() == null ? "" : " from " + r.remoteMta()).append(": ")
                        .append(r.lastReply()).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }

    /** JSON of one action's results: {"id": ..., "ok": true|false}. */
    static String actionJson(String action, List<String> ids, List<Boolean> ok) {
        ArrayNode arr = JSON.createArrayNode();
        for (int i = 0; i < ids.size(); i++) {
            ObjectNode o = arr.addObject();
            o.put("id", ids.get(i));
            o.put("action", action);
            o.put("ok", ok.get(i));
        }
        return json(arr);
    }

    static String age(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }
}
