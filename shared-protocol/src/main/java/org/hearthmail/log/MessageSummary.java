package org.hearthmail.log;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.smtp.Reply;

/**
 * The one log line per message (logger {@value #LOGGER}), the same on both programs. It carries
 * facts about the message, never its content: no subject, no header value but the
 * authentication results, no body byte; addresses as {@link LogPrivacy} renders them.
 * <pre>
 * msg id=3f9a1c2e.1 dir=in result=250/2.0.0 size=10K-100K tls=yes auth=spf:pass,dkim:pass,dmarc:pass
 *     client=203.0.113.0/24 from=@sender.example to=@example.org rcpts=1
 * </pre>
 *
 * @param id         the session id and the message's number within it ({@code session.n})
 * @param queueId    the id the receiving side gave it ("Queued as ..."), or null
 * @param direction  {@code in} (relay MX), {@code out} (relay outbound queue), {@code intake}
 *                   (mailstore from the relay), {@code submit} (mailstore submission)
 * @param result     the final reply to the client, or null when the message was abandoned
 * @param size       content octets received
 * @param tls        whether the session was inside TLS
 * @param auth       method:result pairs (RFC 8601 §2.2), e.g. {@code spf:pass}; empty if none
 * @param client     the client's address (the original one when forwarded), or null
 * @param from       the reverse-path ("" for the null path)
 * @param recipients the accepted forward-paths
 */
public record MessageSummary(String id, String queueId, String direction, Reply result, long size, boolean tls,
                             List<String> auth, InetAddress client, String from, List<String> recipients) {

    public static final String LOGGER = "hearthmail.summary";
    private static final long[] BUCKETS = {1024, 10 * 1024, 100 * 1024, 1024 * 1024, 10 * 1024 * 1024};
    private static final String[] NAMES = {"0-1K", "1K-10K", "10K-100K", "100K-1M", "1M-10M", "10M+"};
    // RFC 8601 §2.2: resinfo = [CFWS] ";" methodspec ...; methodspec = [CFWS] method [CFWS] "=" [CFWS] result
    private static final Pattern METHOD = Pattern.compile(";\\s*([A-Za-z0-9-]+)\\s*(?:/\\s*[0-9]+\\s*)?=\\s*([A-Za-z0-9-]+)");
    private static final Pattern QUEUED = Pattern.compile("\\bQueued as ([A-Za-z0-9._-]{1,64})\\b");

    public MessageSummary {
        auth = List.copyOf(auth);
        recipients = List.copyOf(recipients);
    }

    /** The size bucket: exact sizes would help tell messages apart, buckets say enough. */
    public static String sizeBucket(long size) {
        for (int i = 0; i < BUCKETS.length; i++) {
            if (size < BUCKETS[i]) {
                return NAMES[i];
            }
        }
        return NAMES[NAMES.length - 1];
    }

    /** The method:result pairs of an {@code Authentication-Results} field, without properties (they name domains and addresses). */
    public static List<String> authMethods(String field) {
        List<String> out = new ArrayList<>();
        if (field == null) {
            return out;
        }
        Matcher m = METHOD.matcher(field.replaceAll("\\([^)]*\\)", ""));
        while (m.find()) {
            out.add(m.group(1).toLowerCase(Locale.ROOT) + ":" + m.group(2).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The queue id in our own replies ("250 2.0.0 Queued as ID"), or null. */
    public static String queueIdOf(Reply reply) {
        if (reply == null) {
            return null;
        }
        Matcher m = QUEUED.matcher(reply.text());
        return m.find() ? m.group(1) : null;
    }

    public String render(LogPrivacy privacy) {
        StringBuilder b = new StringBuilder("msg id=").append(id);
        if (queueId != null) {
            b.append(" queue=").append(queueId);
        }
        b.append(" dir=").append(direction);
        b.append(" result=").append(result == null ? "aborted"
                : result.code() + (result.status() == null ? "" : "/" + result.status()));
        b.append(" size=").append(sizeBucket(size));
        b.append(" tls=").append(tls ? "yes" : "no");
        b.append(" auth=").append(auth.isEmpty() ? "none" : String.join(",", auth));
        b.append(" client=").append(privacy.ip(client));
        b.append(" from=").append(privacy.address(from));
        // Several recipients of one domain collapse to one entry in domain mode.
        Set<String> to = new LinkedHashSet<>();
        for (String r : recipients) {
            to.add(privacy.address(r));
        }
        b.append(" to=").append(to.isEmpty() ? "-" : String.join(",", to));
        b.append(" rcpts=").append(recipients.size());
        return b.toString();
    }
}
