package org.hearthmail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code (RFC 2034, RFC 3463) and
 * one or more lines of text. Replies are values; the common ones are named constants here so that
 * no code writes a reply code as a bare string.
 *
 * <p>RFC 5321 §4.2: {@code Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF}.
 */
public record Reply(int code, EnhancedStatus status, List<String> lines) {

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("RFC 5321 §4.2: reply code must be 2yz..5yz, was " + code);
        }
        lines = List.copyOf(lines.isEmpty() ? List.of("") : lines);
        for (String l : lines) {
            if (l.indexOf('\r') >= 0 || l.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text must not contain CR or LF");
            }
        }
    }

    public static Reply of(int code, String status, String text) {
        return new Reply(code, status == null ? null : EnhancedStatus.of(status), List.of(text));
    }

    public static Reply of(int code, String text) {
        return new Reply(code, null, List.of(text));
    }

    /** The same code and status with new text. */
    public Reply withText(String text) {
        return new Reply(code, status, List.of(text));
    }

    public Reply withLines(List<String> newLines) {
        return new Reply(code, status, newLines);
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isIntermediate() {
        return code >= 300 && code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** The full text of the reply joined by single spaces, without codes. */
    public String text() {
        return String.join(" ", lines);
    }

    /**
     * Wire form. With {@code enhanced} true and a status present, every line carries the status
     * after the code (RFC 2034 §3: "the enhanced status code ... MUST be present on every line").
     */
    public String render(boolean enhanced) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhanced && status != null) {
                sb.append(status).append(' ');
            }
            sb.append(lines.get(i)).append("\r\n");
        }
        return sb.toString();
    }

    public byte[] renderBytes(boolean enhanced) {
        return render(enhanced).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return render(true).trim();
    }

    // ---- Named replies. Each names its RFC. -------------------------------------------------

    // RFC 5321 §4.2.2 and §4.2.3 code meanings; enhanced codes from RFC 3463 §3.
    public static final Reply OK = of(250, "2.0.0", "OK");
    public static final Reply SENDER_OK = of(250, "2.1.0", "Sender OK");
    public static final Reply RECIPIENT_OK = of(250, "2.1.5", "Recipient OK");
    public static final Reply RESET_OK = of(250, "2.0.0", "Reset OK");
    public static final Reply NOOP_OK = of(250, "2.0.0", "OK");
    public static final Reply MESSAGE_ACCEPTED = of(250, "2.0.0", "Message accepted");
    public static final Reply BYE = of(221, "2.0.0", "Bye");
    public static final Reply HELP = of(214, "2.0.0", "See RFC 5321");
    /** RFC 5321 §3.5.3: 252 when the server will not verify but will accept mail. */
    public static final Reply CANNOT_VRFY = of(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery");
    public static final Reply START_MAIL_INPUT = of(354, null, "Start mail input; end with <CRLF>.<CRLF>");
    /** RFC 3207 §4. */
    public static final Reply READY_TO_START_TLS = of(220, "2.0.0", "Ready to start TLS");
    /** RFC 4954 §4: empty server challenge. */
    public static final Reply AUTH_CONTINUE = of(334, null, "");
    /** RFC 4954 §6. */
    public static final Reply AUTH_SUCCEEDED = of(235, "2.7.0", "Authentication successful");

    public static final Reply SERVICE_NOT_AVAILABLE = of(421, "4.3.2", "Service not available, closing transmission channel");
    public static final Reply SHUTTING_DOWN = of(421, "4.3.2", "Server shutting down");
    /** RFC 5321 §4.5.3.2: timeouts end the session with 421. */
    public static final Reply IDLE_TIMEOUT = of(421, "4.4.2", "Idle timeout, closing connection");
    public static final Reply TOO_MANY_ERRORS = of(421, "4.7.0", "Too many errors, closing connection");
    public static final Reply TOO_MANY_SESSIONS = of(421, "4.7.0", "Too many concurrent sessions, try again later");
    public static final Reply LOCAL_ERROR = of(451, "4.3.0", "Local error in processing, try again later");
    /** RFC 5321 §4.5.3.1.10: 452 for too many recipients; the client should retry the rest later. */
    public static final Reply TOO_MANY_RECIPIENTS = of(452, "4.5.3", "Too many recipients");
    public static final Reply INSUFFICIENT_STORAGE = of(452, "4.3.1", "Insufficient system storage");
    /** RFC 3207 §4: TLS not available due to temporary reason. */
    public static final Reply TLS_NOT_AVAILABLE = of(454, "4.7.0", "TLS not available due to temporary reason");
    public static final Reply AUTH_TEMP_FAILURE = of(454, "4.7.0", "Temporary authentication failure");

    /** RFC 5321 §4.2.4: 500 for unrecognised commands and over-long command lines. */
    public static final Reply COMMAND_UNRECOGNIZED = of(500, "5.5.1", "Command unrecognized");
    public static final Reply LINE_TOO_LONG = of(500, "5.5.2", "Line too long");
    public static final Reply SYNTAX_ERROR = of(501, "5.5.4", "Syntax error in parameters or arguments");
    public static final Reply BAD_ADDRESS_SYNTAX = of(501, "5.1.3", "Bad address syntax");
    public static final Reply BAD_SENDER_ADDRESS_SYNTAX = of(501, "5.1.7", "Bad sender address syntax");
    public static final Reply NOT_IMPLEMENTED = of(502, "5.5.1", "Command not implemented");
    public static final Reply BAD_SEQUENCE = of(503, "5.5.1", "Bad sequence of commands");
    public static final Reply PARAMETER_NOT_IMPLEMENTED = of(504, "5.5.4", "Command parameter not implemented");
    /** RFC 5321 §4.5.3.1.10 (and RFC 3463 5.5.2 for unknown command parameters). */
    public static final Reply PARAMETER_UNRECOGNIZED = of(555, "5.5.4", "MAIL FROM/RCPT TO parameters not recognized or not implemented");
    /** RFC 3207 §4: 530 5.7.0 Must issue a STARTTLS command first. */
    public static final Reply MUST_STARTTLS = of(530, "5.7.0", "Must issue a STARTTLS command first");
    /** RFC 4954 §6. */
    public static final Reply AUTH_REQUIRED = of(530, "5.7.0", "Authentication required");
    /** RFC 4954 §6: encryption required for requested authentication mechanism. */
    public static final Reply ENCRYPTION_REQUIRED = of(538, "5.7.11", "Encryption required for requested authentication mechanism");
    public static final Reply AUTH_INVALID = of(535, "5.7.8", "Authentication credentials invalid");
    public static final Reply AUTH_MECHANISM_UNSUPPORTED = of(504, "5.5.4", "Unrecognized authentication type");
    /** RFC 4954 §4: client sent "*". */
    public static final Reply AUTH_CANCELLED = of(501, "5.0.0", "Authentication cancelled");
    public static final Reply AUTH_LINE_TOO_LONG = of(500, "5.5.6", "Authentication exchange line too long");
    public static final Reply ALREADY_AUTHENTICATED = of(503, "5.5.1", "Already authenticated");
    public static final Reply MAILBOX_UNAVAILABLE = of(550, "5.1.1", "Mailbox unavailable");
    public static final Reply RELAY_DENIED = of(550, "5.7.1", "Relaying denied");
    public static final Reply ACCESS_DENIED = of(550, "5.7.0", "Access denied");
    /** Postfix XCLIENT_README: 550 5.7.0 when the client is not authorised to use XCLIENT. */
    public static final Reply XCLIENT_DENIED = of(550, "5.7.0", "Insufficient authorization");
    /** RFC 1870 §6.2: 552 5.3.4 when the declared or actual size exceeds the limit. */
    public static final Reply MESSAGE_TOO_BIG = of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    /** RFC 5321 §4.5.3.1.6: text line limit; RFC 3463 5.6.0 as other media error. */
    public static final Reply DATA_LINE_TOO_LONG = of(554, "5.6.0", "Line too long in message data (limit 1000 octets)");
    /** RFC 5321 §2.3.8: bare CR or LF inside data (SMTP smuggling defence). */
    public static final Reply BARE_LINE_ENDING = of(554, "5.6.0", "Bare CR or LF in message data is not allowed; use CRLF");
    public static final Reply NUL_IN_DATA = of(554, "5.6.0", "NUL characters are not allowed in message data");
    public static final Reply TRANSACTION_FAILED = of(554, "5.0.0", "Transaction failed");
    /** RFC 6531 §3.5: SMTPUTF8 address without the SMTPUTF8 parameter. */
    public static final Reply SMTPUTF8_REQUIRED = of(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
    public static final Reply VRFY_DISABLED = CANNOT_VRFY;
}
