package org.hearthmail.smtp.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import org.hearthmail.smtp.Reply;

/**
 * AUTH with PLAIN or LOGIN. Payloads are never logged: every line after the verb is logged as
 * {@code ****}. Succeeds on 235 (RFC 4954 §6); any other final reply fails with
 * {@link SmtpReplyException}. An unexpected extra 334 challenge is answered with "*" (RFC 4954
 * §4: the client cancels the exchange) and the resulting 501 reported.
 */
final class AuthExchange extends Exchange<Reply> {

    private final AuthMechanism mechanism;
    private final Deque<String> responses = new ArrayDeque<>();
    private final String initialResponse;

    AuthExchange(AuthMechanism mechanism, String user, String password, Duration timeout) {
        super("AUTH", timeout);
        this.mechanism = mechanism;
        Base64.Encoder b64 = Base64.getEncoder();
        switch (mechanism) {
            case PLAIN -> {
                // RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd
                byte[] msg = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
                initialResponse = b64.encodeToString(msg);
            }
            case LOGIN -> {
                initialResponse = null;
                responses.add(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8)));
                responses.add(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
            }
            default -> throw new IllegalArgumentException("unsupported mechanism " + mechanism);
        }
    }

    @Override
    void start(ExchangeContext cx) {
        if (initialResponse != null) {
            cx.writeLine("AUTH " + mechanism + " " + initialResponse, "AUTH " + mechanism + " ****");
        } else {
            cx.writeLine("AUTH " + mechanism, "AUTH " + mechanism);
        }
    }

    @Override
    boolean onReply(Reply reply, ExchangeContext cx) {
        if (reply.code() == 235) {
            responses.clear();
            result.complete(reply);
            return true;
        }
        if (reply.code() == 334) {
            String next = responses.poll();
            cx.writeLine(next != null ? next : "*", next != null ? "****" : "*");
            cx.flush();
            return false;
        }
        responses.clear();
        result.completeExceptionally(new SmtpReplyException("AUTH", reply));
        return true;
    }
}
