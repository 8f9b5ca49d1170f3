package org.hearthmail.relay.spool;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.spool.SpoolEntryMeta;
import org.hearthmail.xclient.XClientAttributes;

final class SpoolFixtures {
    private SpoolFixtures() {
    }

    static SpoolEntryMeta meta(String sender, long declaredSize) {
        try {
            MailFrom from = new MailFrom(new Mailbox(sender, "sender.example"), declaredSize, null, false, null, null,
                    null, Map.of());
            XClientAttributes client = XClientAttributes.builder().addr(InetAddress.getByName("192.0.2.7")).port(40000)
                    .helo("mx.sender.example").build();
            return new SpoolEntryMeta(new Envelope(from, List.of(new RcptTo(new Mailbox("carol", "home.example"),
                    Set.of(), null))), client, Instant.parse("2025-06-01T12:00:00Z"),
                    "Authentication-Results: relay.example; spf=pass");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] content(String text) {
        return ("Subject: " + text + "\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static SpoolEntry spool(Spool spool, String sender, byte[] content) throws IOException {
        try (SpoolWriter w = spool.begin(meta(sender, -1))) {
            w.content().write(content);
            return w.commit();
        }
    }
}
