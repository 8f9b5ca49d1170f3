package org.hearthmail.mailstore.imap.command;

/** How a command ended, when it did not fail. */
public sealed interface Outcome {

    /** Tagged OK; {@code code} without brackets or null. */
    record Ok(String code, String text) implements Outcome {
    }

    /** The command goes on: it asked for a line ({@link CommandContext#expectLine}) and answers later. */
    record Waiting() implements Outcome {
    }

    /** STARTTLS accepted: the session answers OK and starts the handshake. */
    record StartTls() implements Outcome {
    }

    /** COMPRESS accepted: the session answers OK and compresses from the next octet on. */
    record Compress() implements Outcome {
    }

    /** LOGOUT: BYE, tagged OK, close. */
    record Logout() implements Outcome {
    }

    static Ok ok(String text) {
        return new Ok(null, text);
    }

    static Ok ok(String code, String text) {
        return new Ok(code, text);
    }
}
