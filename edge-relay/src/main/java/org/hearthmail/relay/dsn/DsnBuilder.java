package org.hearthmail.relay.dsn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.relay.queue.NoticeSink;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;

/**
 * Writes a delivery status notification: RFC 3464 {@code multipart/report;
 * report-type=delivery-status} (RFC 6522) with a human-readable part quoting the remote reply, the
 * {@code message/delivery-status} part, and the original message or its header (RFC 3461 §4.3 RET).
 */
public final class DsnBuilder {
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);
    private static final Pattern STATUS = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    /** Larger originals are returned as headers only, to keep notices small. */
    static final long MAX_FULL_RETURN = 1024 * 1024;

    private final String reportingMta;

    /** @param reportingMta the relay's host name (Reporting-MTA, RFC 3464 §2.2.2) */
    public DsnBuilder(String reportingMta) {
        this.reportingMta = reportingMta;
    }

    public byte[] build(QueuedMessage msg, NoticeSink.Kind kind, List<RecipientState> rcpts, Path original,
                        Instant now, Instant retryUntil) throws IOException {
        String boundary = "=_dsn_" + HexFormat.of().formatHex(randomBytes());
        boolean failed = kind == NoticeSink.Kind.FAILED;
        StringBuilder sb = new StringBuilder(2048);
        sb.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n");
        sb.append("To: <").append(msg.sender()).append(">\r\n");
        sb.append("Subject: ").append(failed ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)").append("\r\n");
        sb.append("Date: ").append(date(now)).append("\r\n");
        sb.append("Message-ID: <").append(msg.id()).append('.').append(kind.name().toLowerCase(Locale.ROOT)).append('@')
                .append(reportingMta).append(">\r\n");
        // RFC 3834 §5: automatic responses are marked so that nothing answers them automatically.
        sb.append("Auto-Submitted: auto-replied\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n");
        sb.append("\r\nThis is a MIME-encapsulated delivery status notification.\r\n");

        sb.append("\r\n--").append(boundary).append("\r\n");
        sb.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        sb.append("This is the mail system at ").append(reportingMta).append(".\r\n\r\n");
        sb.append(failed
                ? "Your message could not be delivered to one or more recipients. It is attached below.\r\n"
                : "Your message has not been delivered yet to the recipients below. The mail system will keep trying"
                        + (retryUntil == null ? "" : " until " + date(retryUntil)) + "; no action is needed.\r\n");
        for (RecipientState r : rcpts) {
            sb.append("\r\n<").append(r.address()).append(">");
            if (r.remoteMta() != null) {
                sb.append(": host ").append(r.remoteMta()).append(" said:");
            } else {
                sb.append(':');
            }
            sb.append("\r\n    ").append(r.lastReply() == null ? "(no reply)" : r.lastReply()).append("\r\n");
        }

        sb.append("\r\n--").append(boundary).append("\r\n");
        sb.append("Content-Type: message/delivery-status\r\n\r\n");
        // RFC 3464 §2.2: per-message fields.
        sb.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        if (msg.envId() != null) {
            sb.append("Original-Envelope-Id: ").append(msg.envId()).append("\r\n");
        }
        sb.append("Arrival-Date: ").append(date(Instant.ofEpochMilli(msg.receivedMillis()))).append("\r\n");
        for (RecipientState r : rcpts) {
            // RFC 3464 §2.3: per-recipient fields, each group preceded by a blank line.
            sb.append("\r\n");
            if (r.orcpt() != null) {
                sb.append("Original-Recipient: ").append(r.orcpt().replaceFirst(";", "; ")).append("\r\n");
            }
            sb.append("Final-Recipient: rfc822; ").append(r.address()).append("\r\n");
            sb.append("Action: ").append(failed ? "failed" : "delayed").append("\r\n");
            sb.append("Status: ").append(status(r.lastReply(), failed)).append("\r\n");
            if (r.remoteMta() != null && !r.remoteMta().isEmpty()) {
                sb.append("Remote-MTA: dns; ").append(r.remoteMta().replaceFirst(" \\[.*", "")).append("\r\n");
            }
            if (r.lastReply() != null && STATUS.matcher(r.lastReply()).find()) {
                sb.append("Diagnostic-Code: smtp; ").append(r.lastReply()).append("\r\n");
            }
            sb.append("Last-Attempt-Date: ").append(date(now)).append("\r\n");
            if (!failed && retryUntil != null) {
                sb.append("Will-Retry-Until: ").append(date(retryUntil)).append("\r\n");
            }
        }

        sb.append("\r\n--").append(boundary).append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // RFC 3461 §4.3: RET=HDRS asks for the header only; without RET we return the whole message on
        // failure (small enough) and only the header with a delay notice.
        boolean full = failed && !"HDRS".equalsIgnoreCase(msg.ret()) && Files.size(original) <= MAX_FULL_RETURN;
        if (full) {
            sb.append("Content-Type: message/rfc822\r\n");
            if ("8BITMIME".equalsIgnoreCase(msg.body())) {
                sb.append("Content-Transfer-Encoding: 8bit\r\n");
            }
            sb.append("\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.write(Files.readAllBytes(original));
            if (!endsWithCrlf(out.toByteArray())) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        } else {
            sb.append("Content-Type: text/rfc822-headers\r\n\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.write(header(original));
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The enhanced status of the reply (RFC 3463), or a generic one of the reply's class. */
    static String status(String reply, boolean failed) {
        if (reply != null) {
            if (reply.startsWith(org.hearthmail.relay.queue.OutcomeRecorder.EXPIRED)) {
                return "4.4.7";
            }
            Matcher m = STATUS.matcher(reply);
            if (m.find()) {
                return m.group(1);
            }
            if (reply.length() >= 3 && (reply.charAt(0) == '5' || reply.charAt(0) == '4')) {
                return reply.charAt(0) + ".0.0";
            }
        }
        return failed ? "5.0.0" : "4.0.0";
    }

    /** The header section of the original, up to and including the blank line. */
    static byte[] header(Path original) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(original)) {
            int c;
            int state = 0; // counts CR LF CR LF
            while ((c = in.read()) != -1 && h.size() < MAX_FULL_RETURN) {
                h.write(c);
                state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                if (state == 4) {
                    break;
                }
            }
        }
        return h.toByteArray();
    }

    private static boolean endsWithCrlf(byte[] b) {
        return b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n';
    }

    private static String date(Instant t) {
        return DATE.format(ZonedDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
