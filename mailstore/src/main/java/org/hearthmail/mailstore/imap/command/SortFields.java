package org.hearthmail.mailstore.imap.command;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.mailstore.imap.mime.HeaderBlock;

/**
 * What SORT (RFC 5256 §3) and THREAD (§4) read from a message's header, kept in the
 * {@link HeaderIndex} so that neither reads a message file once a message is indexed. Computed
 * once per message when the index takes it in, in the form the commands compare: the sent date as
 * milliseconds, the strings as casemapped octets ({@link TextKey}), so a command only gathers and
 * compares.
 *
 * @param sent           the Date field in UTC milliseconds (§2.2), or {@link #NO_DATE} when it is
 *                       missing or does not parse
 * @param from           addr-mailbox of the first From address, "" when there is none (§3)
 * @param to             addr-mailbox of the first To address, "" when there is none
 * @param cc             addr-mailbox of the first Cc address, "" when there is none
 * @param subject        the base subject (§2.1)
 * @param replyOrForward whether the subject marked a reply or forward (§4 REFERENCES step 5)
 * @param messageId      the Message-ID (with its angle brackets), or null when it has no valid one
 * @param references     the References message ids in order, or the first In-Reply-To id when
 *                       References has none (§4, REFERENCES step 1A)
 */
record SortFields(long sent, TextKey from, TextKey to, TextKey cc, TextKey subject, boolean replyOrForward,
                  String messageId, List<String> references) {
    /** {@link #sent} of a message whose Date field is missing or unusable (then INTERNALDATE stands in). */
    static final long NO_DATE = Long.MIN_VALUE;
    /** msg-id (RFC 5322 §3.6.4): "<" id-left "@" id-right ">", read leniently (no CFWS, no spaces). */
    private static final Pattern MSG_ID = Pattern.compile("<([^<>\\s]+)>");
    static final SortFields NONE = new SortFields(NO_DATE, TextKey.EMPTY, TextKey.EMPTY, TextKey.EMPTY,
            TextKey.EMPTY, false, null, List.of());

    static SortFields of(HeaderBlock h) {
        List<String> subjects = MessageCandidate.values(h, "Subject");
        List<String> references = ids(h.first("References"));
        if (references.isEmpty()) {
            // RFC 5256 §4 REFERENCES (1): without valid References ids, the first valid
            // In-Reply-To id is the only reference.
            references = ids(h.first("In-Reply-To")).stream().limit(1).toList();
        }
        List<String> own = ids(h.first("Message-ID"));
        Instant sent = sent(h.first("Date"));
        BaseSubject subject = BaseSubject.of(subjects.isEmpty() ? null : subjects.get(0));
        return new SortFields(sent == null ? NO_DATE : sent.toEpochMilli(), TextKey.of(mailbox(h.first("From"))),
                TextKey.of(mailbox(h.first("To"))), TextKey.of(mailbox(h.first("Cc"))), TextKey.of(subject.text()),
                subject.replyOrForward(), own.isEmpty() ? null : own.get(0), references);
    }

    /** Octets this takes on the heap beyond a reference to it (its object and what only it holds). */
    long estimatedBytes() {
        return 48 + from.estimatedBytes() + to.estimatedBytes() + cc.estimatedBytes() + subject.estimatedBytes()
                + HeapSize.string(messageId) + HeapSize.strings(references);
    }

    /** RFC 5256 §2.2: the Date field's date and time, normalized to UTC; null when unusable. */
    static Instant sent(String date) {
        if (date == null) {
            return null;
        }
        java.util.Date parsed = new MailDateFormat().parse(date, new ParsePosition(0));
        return parsed == null ? null : parsed.toInstant();
    }

    /**
     * RFC 5256 §3: the [IMAP] addr-mailbox of the first address; "" when the field, the address or
     * its mailbox is missing. Group syntax contributes its first member. Encoded-words in the
     * mailbox are decoded (§3: the comparison is made on the decoded string).
     */
    static String mailbox(String field) {
        if (field == null || field.isBlank()) {
            return "";
        }
        try {
            for (InternetAddress a : InternetAddress.parseHeader(field, false)) {
                InternetAddress first = a;
                if (a.isGroup()) {
                    InternetAddress[] members = a.getGroup(false);
                    if (members == null || members.length == 0) {
                        continue;
                    }
                    first = members[0];
                }
                String addr = first.getAddress() == null ? "" : first.getAddress();
                int at = addr.lastIndexOf('@');
                String local = at < 0 ? addr : addr.substring(0, at);
                if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
                    local = local.substring(1, local.length() - 1);
                }
                return MessageCandidate.decodeWords(local);
            }
        } catch (AddressException e) {
            return ""; // RFC 5256 §3: an address that cannot be read sorts as a missing one
        }
        return "";
    }

    /** The msg-ids of a field, in order (RFC 5322 §3.6.4). */
    static List<String> ids(String field) {
        List<String> out = new ArrayList<>();
        if (field != null) {
            Matcher m = MSG_ID.matcher(field);
            while (m.find()) {
                out.add(m.group());
            }
        }
        return List.copyOf(out);
    }
}
