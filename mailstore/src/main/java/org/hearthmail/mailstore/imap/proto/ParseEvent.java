package org.hearthmail.mailstore.imap.proto;

import java.util.List;

/** What {@link RequestParser} framed from the input. */
public sealed interface ParseEvent {

    /** A complete command: tag, upper-cased name and its arguments. */
    record Request(String tag, String name, List<Arg> args) implements ParseEvent {
        public Request {
            args = List.copyOf(args);
        }
    }

    /**
     * A synchronizing literal {@code {n}} was announced and fits: the server must send a command
     * continuation request (RFC 3501 §7.5) before the client sends its octets.
     */
    record ContinuationNeeded(String tag, long size) implements ParseEvent {
    }

    /**
     * The command cannot be accepted. {@code tag} is null when it could not be read (the reply is
     * then untagged). With {@code close} the connection must be closed after the reply, because
     * the client is sending a non-synchronizing literal the parser will not read.
     */
    record Rejected(String tag, Reason reason, String message, boolean close) implements ParseEvent {
        public enum Reason {
            /** Malformed command: BAD. */
            SYNTAX,
            /** RFC 7889 §4 / RFC 4469: a literal over the limit: NO [TOOBIG]. */
            TOO_BIG
        }
    }

    /** A raw line in {@link RequestParser.Mode#LINE} (AUTHENTICATE responses, IDLE's DONE), without CRLF. */
    record Line(byte[] bytes) implements ParseEvent {
    }
}
