package org.hearthmail.tunnel.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message: struct nlmsghdr (u32 length, u16 type, u16 flags, u32 sequence, u32 port
 * id), a fixed family header (ifinfomsg, ifaddrmsg, genlmsghdr...) and attributes.
 */
public record NlMessage(int type, int flags, int sequence, int portId, byte[] familyHeader, List<NlAttr> attributes) {
    static final int HEADER = 16;

    // include/uapi/linux/netlink.h
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int F_REQUEST = 0x1;
    public static final int F_MULTI = 0x2;
    public static final int F_ACK = 0x4;
    public static final int F_REPLACE = 0x100;
    public static final int F_EXCL = 0x200;
    public static final int F_CREATE = 0x400;

    public NlMessage {
        familyHeader = familyHeader.clone();
        attributes = List.copyOf(attributes);
    }

    @Override
    public byte[] familyHeader() {
        return familyHeader.clone();
    }

    /** NLMSG_ALIGN(header + family header) + attributes. */
    public byte[] encode() {
        byte[] attrs = NlAttr.encodeAll(attributes);
        int bodyStart = NlAttr.align(HEADER + familyHeader.length);
        int length = bodyStart + attrs.length;
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        out.putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(portId);
        out.put(familyHeader);
        out.position(bodyStart);
        out.put(attrs);
        return out.array();
    }

    /**
     * Splits a received datagram into messages. {@code familyHeaderLength} says how much of each
     * body is the fixed header (the rest are attributes); NLMSG_ERROR bodies are kept whole.
     */
    public static List<NlMessage> decodeAll(byte[] datagram, int length, int familyHeaderLength) {
        ByteBuffer in = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
        List<NlMessage> out = new ArrayList<>();
        while (in.remaining() >= HEADER) {
            int start = in.position();
            int len = in.getInt();
            int type = in.getShort() & 0xffff;
            int flags = in.getShort() & 0xffff;
            int seq = in.getInt();
            int pid = in.getInt();
            if (len < HEADER || start + len > in.limit()) {
                throw new IllegalArgumentException("malformed netlink message (length " + len + ")");
            }
            int bodyLength = len - HEADER;
            boolean whole = type == NLMSG_ERROR || type == NLMSG_DONE || bodyLength < familyHeaderLength;
            int fixed = whole ? bodyLength : familyHeaderLength;
            byte[] header = new byte[fixed];
            in.get(header);
            List<NlAttr> attrs = List.of();
            if (!whole) {
                int attrStart = start + NlAttr.align(HEADER + fixed);
                ByteBuffer attrBuf = ByteBuffer.wrap(datagram, attrStart, start + len - attrStart).slice()
                        .order(ByteOrder.nativeOrder());
                attrs = NlAttr.parseAll(attrBuf);
            }
            out.add(new NlMessage(type, flags, seq, pid, header, attrs));
            in.position(Math.min(in.limit(), start + NlAttr.align(len)));
        }
        return out;
    }

    /** For NLMSG_ERROR: the kernel's error code, 0 for an ACK, else a negative errno. */
    public int errorCode() {
        if (type != NLMSG_ERROR || familyHeader.length < 4) {
            throw new IllegalStateException("not an NLMSG_ERROR message");
        }
        return ByteBuffer.wrap(familyHeader).order(ByteOrder.nativeOrder()).getInt();
    }
}
