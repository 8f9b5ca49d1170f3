package org.hearthmail.relay.forward;

import java.net.InetSocketAddress;
import java.util.List;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.xclient.XClientAttributes;
import org.hearthmail.xclient.XClientCommands;
import org.hearthmail.xclient.XClientProto;
import org.hearthmail.xclient.XClientValue;

/** The XCLIENT commands that tell the mailstore who the sender really is (Postfix XCLIENT_README). */
final class ForwardedClient {

    private ForwardedClient() {
    }

    static List<String> xclientLines(SessionInfo s) {
        try {
            return XClientCommands.encode(attributes(s, true));
        } catch (IllegalArgumentException e) {
            // A HELO or name XCLIENT cannot carry (odd characters, too long): send it as unknown.
            return XClientCommands.encode(attributes(s, false));
        }
    }

    /** The same facts as a record, for the sealed spool entry (SpoolEntryMeta). */
    static XClientAttributes attributes(SessionInfo s) {
        try {
            XClientCommands.encode(attributes(s, true));
            return attributes(s, true);
        } catch (IllegalArgumentException e) {
            return attributes(s, false);
        }
    }

    private static XClientAttributes attributes(SessionInfo s, boolean withWords) {
        XClientAttributes.Builder b = XClientAttributes.builder()
                .addr(address(s.client()))
                .port(port(s.client()))
                .name(!withWords || s.clientName() == null ? new XClientValue.Unavailable<>() : new XClientValue.Known<>(s.clientName()))
                .helo(!withWords || s.helo() == null ? new XClientValue.Unavailable<>() : new XClientValue.Known<>(s.helo()))
                .proto(new XClientValue.Known<>(s.protocol().startsWith("ESMTP") ? XClientProto.ESMTP : XClientProto.SMTP))
                .destAddr(address(s.server()))
                .destPort(port(s.server()));
        return b.build();
    }

    private static XClientValue<java.net.InetAddress> address(InetSocketAddress a) {
        return a == null || a.isUnresolved() ? new XClientValue.Unavailable<>() : new XClientValue.Known<>(a.getAddress());
    }

    private static XClientValue<Integer> port(InetSocketAddress a) {
        return a == null ? new XClientValue.Unavailable<>() : new XClientValue.Known<>(a.getPort());
    }
}
