package org.hearthmail.spool;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.xclient.XClientAttributes;
import org.hearthmail.xclient.XClientCommandParser;
import org.hearthmail.xclient.XClientSyntaxException;

/**
 * Decodes what {@link MetaWriter} wrote. The bytes were authenticated by the seal, so a failure
 * here means a version mismatch or a bug, not an attack; still every count and length is checked
 * against what is left, so nothing allocates more than the meta block itself.
 */
final class MetaReader {
    private final ByteBuffer in;

    private MetaReader(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    static SpoolEntryMeta decode(byte[] bytes) throws SpoolFormatException {
        MetaReader r = new MetaReader(bytes);
        try {
            MailFrom mailFrom = r.mailFrom();
            int count = r.count(4);
            List<RcptTo> rcpts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Mailbox mailbox = r.mailbox();
                if (mailbox == null) {
                    throw new SpoolFormatException("spool entry has a recipient without an address");
                }
                Set<String> notify = new HashSet<>(r.strings());
                rcpts.add(new RcptTo(mailbox, notify, r.string()));
            }
            XClientAttributes client = r.xclient();
            Instant arrival = Instant.ofEpochSecond(r.in.getLong(), r.in.getInt());
            String authResults = r.string();
            if (authResults == null) {
                throw new SpoolFormatException("spool entry lacks its Authentication-Results field");
            }
            if (r.in.hasRemaining()) {
                throw new SpoolFormatException("spool entry meta has " + r.in.remaining() + " unexpected trailing bytes");
            }
            return new SpoolEntryMeta(new Envelope(mailFrom, rcpts), client, arrival, authResults);
        } catch (BufferUnderflowException e) {
            throw new SpoolFormatException("spool entry meta ends early");
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new SpoolFormatException("spool entry meta holds an invalid value: " + e.getMessage());
        }
    }

    private MailFrom mailFrom() throws SpoolFormatException {
        Mailbox sender = mailbox();
        long size = in.getLong();
        String body = string();
        boolean smtpUtf8 = in.get() != 0;
        String ret = string();
        String envId = string();
        String auth = string();
        int n = count(8);
        Map<String, String> other = new HashMap<>();
        for (int i = 0; i < n; i++) {
            other.put(string(), string());
        }
        return new MailFrom(sender, size, body, smtpUtf8, ret, envId, auth, other);
    }

    private XClientAttributes xclient() throws SpoolFormatException {
        String args = string();
        if (args == null || args.isEmpty()) {
            return XClientAttributes.none();
        }
        try {
            return XClientCommandParser.parse(args);
        } catch (XClientSyntaxException e) {
            throw new SpoolFormatException("spool entry client facts do not parse: " + e.getMessage());
        }
    }

    private Mailbox mailbox() throws SpoolFormatException {
        if (in.get() == 0) {
            return null;
        }
        return new Mailbox(string(), string());
    }

    private List<String> strings() throws SpoolFormatException {
        int n = count(4);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(string());
        }
        return values;
    }

    /** A count of items each at least {@code minItemBytes} long, checked against what is left. */
    private int count(int minItemBytes) throws SpoolFormatException {
        int n = in.getInt();
        if (n < 0 || (long) n * minItemBytes > in.remaining()) {
            throw new SpoolFormatException("spool entry meta declares " + n + " items, more than it holds");
        }
        return n;
    }

    private String string() throws SpoolFormatException {
        int len = in.getInt();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > in.remaining()) {
            throw new SpoolFormatException("spool entry meta declares a " + len + "-byte string, more than it holds");
        }
        ByteBuffer slice = in.slice();
        slice.limit(len);
        in.position(in.position() + len);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new SpoolFormatException("spool entry meta holds a string that is not UTF-8");
        }
    }
}
