package org.hearthmail.mailstore.imap.mime;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.hearthmail.mailstore.imap.proto.ResponseBuilder;

/**
 * Renders the ENVELOPE of a message (RFC 3501 §7.4.2) from its header fields: date, subject, from,
 * sender, reply-to, to, cc, bcc, in-reply-to, message-id. Addresses are parsed leniently by
 * Angus Mail; a display name that is not ASCII is sent as an RFC 2047 encoded-word.
 */
public final class Envelope {
    /** What a mailbox without a domain gets as host (a NIL host would mean group syntax). */
    static final String MISSING_HOST = ".MISSING-HOST-NAME.";

    private Envelope() {
    }

    public static String render(HeaderBlock h) {
        ResponseBuilder b = new ResponseBuilder();
        b.raw("(");
        b.nstring(h.first("Date")).sp();
        b.nstring(h.first("Subject")).sp();
        String from = h.first("From");
        addresses(b, from);
        b.sp();
        // RFC 3501 §7.4.2: sender and reply-to default to from when absent.
        String sender = h.first("Sender");
        addresses(b, sender == null || sender.isBlank() ? from : sender);
        b.sp();
        String replyTo = h.first("Reply-To");
        addresses(b, replyTo == null || replyTo.isBlank() ? from : replyTo);
        b.sp();
        addresses(b, h.first("To"));
        b.sp();
        addresses(b, h.first("Cc"));
        b.sp();
        addresses(b, h.first("Bcc"));
        b.sp();
        b.nstring(h.first("In-Reply-To")).sp();
        b.nstring(h.first("Message-ID"));
        b.raw(")");
        return new String(b.toBytes(), StandardCharsets.UTF_8);
    }

    private static void addresses(ResponseBuilder b, String value) {
        if (value == null || value.isBlank()) {
            b.raw("NIL");
            return;
        }
        InternetAddress[] list;
        try {
            list = InternetAddress.parseHeader(value, false);
        } catch (AddressException e) {
            b.raw("NIL");
            return;
        }
        if (list.length == 0) {
            b.raw("NIL");
            return;
        }
        b.raw("(");
        for (InternetAddress a : list) {
            if (a.isGroup()) {
                group(b, a);
            } else {
                address(b, a);
            }
        }
        b.raw(")");
    }

    /** RFC 3501 §7.4.2: a group is (NIL NIL "name" NIL), its members, then (NIL NIL NIL NIL). */
    private static void group(ResponseBuilder b, InternetAddress g) {
        String text = g.getAddress();
        int colon = text.indexOf(':');
        b.raw("(NIL NIL ").string(colon < 0 ? text : text.substring(0, colon).strip()).raw(" NIL)");
        try {
            for (InternetAddress m : g.getGroup(false)) {
                address(b, m);
            }
        } catch (AddressException e) {
            // members unreadable: the group is shown empty
        }
        b.raw("(NIL NIL NIL NIL)");
    }

    private static void address(ResponseBuilder b, InternetAddress a) {
        String addr = a.getAddress() == null ? "" : a.getAddress();
        int at = addr.lastIndexOf('@');
        String mailbox = at < 0 ? addr : addr.substring(0, at);
        String host = at < 0 ? MISSING_HOST : addr.substring(at + 1);
        b.raw("(").nstring(personal(a)).raw(" NIL ").nstring(mailbox).sp().nstring(host).raw(")");
    }

    private static String personal(InternetAddress a) {
        String p = a.getPersonal();
        if (p == null || p.isEmpty()) {
            return null;
        }
        if (p.chars().allMatch(c -> c < 0x80)) {
            return p;
        }
        try {
            return MimeUtility.encodeWord(p, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            return p;
        }
    }
}
