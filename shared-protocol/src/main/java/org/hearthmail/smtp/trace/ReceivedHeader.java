package org.hearthmail.smtp.trace;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hearthmail.smtp.server.SessionInfo;

/**
 * Our trace field, RFC 5321 §4.4:
 * {@code Received: from <helo> (<name> [<ip>]) by <host> (<software>) with <protocol> [(<tls>)] id <id> [for <rcpt>]; <date>}.
 * The relay writes one naming the sender and how TLS was negotiated; the mailstore writes one naming
 * the original client that the relay reported through XCLIENT.
 */
public final class ReceivedHeader {

    /** RFC 5322 §3.3 date-time. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    /**
     * @param singleRecipient the recipient for the "for" clause, only when the message has exactly
     *                        one (naming one of several would disclose Bcc recipients), else null
     */
    public static String build(SessionInfo s, String hostname, String software, String singleRecipient, ZonedDateTime now) {
        StringBuilder sb = new StringBuilder(200);
        sb.append("Received: from ").append(safe(s.helo() == null ? "unknown" : s.helo()));
        sb.append(" (").append(safe(s.clientName() == null ? "unknown" : s.clientName()));
        sb.append(' ').append(addressLiteral(s.client())).append(")\r\n");
        sb.append("\tby ").append(safe(hostname)).append(" (").append(software).append(") with ").append(safe(s.protocol()));
        if (s.tls() != null) {
            // Not part of RFC 5321's grammar, so written as a comment, as Postfix does.
            sb.append(" (using ").append(safe(s.tls().protocol())).append(" with cipher ").append(safe(s.tls().cipherSuite())).append(')');
        }
        sb.append("\r\n\tid ").append(s.id());
        if (singleRecipient != null) {
            sb.append("\r\n\tfor <").append(safe(singleRecipient)).append('>');
        }
        sb.append(";\r\n\t").append(DATE.format(now)).append("\r\n");
        return sb.toString();
    }

    /** RFC 5321 §4.1.3: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    public static String addressLiteral(InetSocketAddress a) {
        if (a == null || a.isUnresolved() || a.getAddress() == null) {
            return "[unknown]";
        }
        String ip = a.getAddress().getHostAddress();
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        return a.getAddress() instanceof Inet6Address ? "[IPv6:" + ip + "]" : "[" + ip + "]";
    }

    /**
     * Client-supplied words go into a header: keep printable ASCII (and UTF-8 letters for SMTPUTF8
     * names) but nothing that could end or restructure the field.
     */
    public static String safe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && sb.length() < 255; i++) {
            char c = s.charAt(i);
            sb.append((c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != ';') || (c >= 0x80 && Character.isLetterOrDigit(c)) ? c : '?');
        }
        return sb.toString();
    }
}
