package org.hearthmail.spool;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.xclient.XClientCommands;

/** Encodes {@link SpoolEntryMeta}; the layout is described in {@link SpoolEntryCodec}. */
final class MetaWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    static byte[] encode(SpoolEntryMeta meta) {
        MetaWriter w = new MetaWriter();
        try {
            w.mailFrom(meta.envelope().mailFrom());
            List<RcptTo> rcpts = meta.envelope().recipients();
            w.out.writeInt(rcpts.size());
            for (RcptTo r : rcpts) {
                w.mailbox(r.recipient());
                w.strings(new TreeSet<>(r.notifyOn()));
                w.string(r.orcpt());
            }
            w.string(xclient(meta));
            w.out.writeLong(meta.arrival().getEpochSecond());
            w.out.writeInt(meta.arrival().getNano());
            w.string(meta.authenticationResults());
            w.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return w.bytes.toByteArray();
    }

    /** The XCLIENT arguments, as one line without the verb: the existing codec round-trips them. */
    private static String xclient(SpoolEntryMeta meta) {
        List<String> lines = XClientCommands.encode(meta.client(), Integer.MAX_VALUE);
        if (lines.isEmpty()) {
            return "";
        }
        return lines.get(0).substring("XCLIENT ".length());
    }

    private void mailFrom(MailFrom m) throws IOException {
        mailbox(m.sender());
        out.writeLong(m.size());
        string(m.body());
        out.writeBoolean(m.smtpUtf8());
        string(m.ret());
        string(m.envId());
        string(m.auth());
        Map<String, String> other = new TreeMap<>(m.other());
        out.writeInt(other.size());
        for (Map.Entry<String, String> e : other.entrySet()) {
            string(e.getKey());
            string(e.getValue());
        }
    }

    private void mailbox(Mailbox m) throws IOException {
        out.writeBoolean(m != null);
        if (m != null) {
            string(m.localPart());
            string(m.domain());
        }
    }

    private void strings(java.util.Collection<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            string(v);
        }
    }

    private void string(String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
