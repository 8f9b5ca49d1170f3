package org.hearthmail.tunnel.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One netlink attribute (struct nlattr: u16 length including the 4-byte header, u16 type, then
 * the payload padded to a multiple of 4). Nested attributes carry encoded attributes as payload.
 */
public record NlAttr(int type, byte[] payload) {
    /** include/uapi/linux/netlink.h: NLA_ALIGNTO 4, NLA_HDRLEN 4. */
    static final int ALIGN = 4;
    static final int HEADER = 4;
    /** NLA_F_NESTED: marks a payload made of attributes. */
    static final int F_NESTED = 0x8000;
    private static final int TYPE_MASK = 0x3fff;

    public NlAttr {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("attribute type out of range: " + type);
        }
        payload = payload.clone();
        if (payload.length + HEADER > 0xffff) {
            throw new IllegalArgumentException("attribute payload too long: " + payload.length);
        }
    }

    /** A NUL-terminated string, as the kernel expects for names (NLA_NUL_STRING/NLA_STRING). */
    public static NlAttr string(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return new NlAttr(type, Arrays.copyOf(s, s.length + 1));
    }

    public static NlAttr u16(int type, int value) {
        return new NlAttr(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    public static NlAttr u32(int type, int value) {
        return new NlAttr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    public static NlAttr nested(int type, List<NlAttr> children) {
        return new NlAttr(type | F_NESTED, encodeAll(children));
    }

    /** The type without the NESTED and NET_BYTEORDER flag bits. */
    public int kind() {
        return type & TYPE_MASK;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int asU16() {
        return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getShort() & 0xffff;
    }

    public int asU32() {
        return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt();
    }

    /** The payload as a string, without the trailing NUL. */
    public String asString() {
        int end = payload.length;
        while (end > 0 && payload[end - 1] == 0) {
            end--;
        }
        return new String(payload, 0, end, StandardCharsets.UTF_8);
    }

    public List<NlAttr> asNested() {
        return parseAll(ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()));
    }

    /** Encoded length including header and padding (NLA_ALIGN(NLA_HDRLEN + payload)). */
    int encodedLength() {
        return align(HEADER + payload.length);
    }

    void encodeInto(ByteBuffer out) {
        out.putShort((short) (HEADER + payload.length));
        out.putShort((short) type);
        out.put(payload);
        for (int i = HEADER + payload.length; i < encodedLength(); i++) {
            out.put((byte) 0);
        }
    }

    static int align(int n) {
        return (n + ALIGN - 1) & ~(ALIGN - 1);
    }

    static byte[] encodeAll(List<NlAttr> attrs) {
        int size = attrs.stream().mapToInt(NlAttr::encodedLength).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        attrs.forEach(a -> a.encodeInto(out));
        return out.array();
    }

    /** Parses attributes until the buffer ends; a length that overruns the buffer is an error. */
    static List<NlAttr> parseAll(ByteBuffer in) {
        List<NlAttr> out = new ArrayList<>();
        while (in.remaining() >= HEADER) {
            int start = in.position();
            int len = in.getShort() & 0xffff;
            int type = in.getShort() & 0xffff;
            if (len < HEADER || start + len > in.limit()) {
                throw new IllegalArgumentException("malformed netlink attribute (length " + len + ")");
            }
            byte[] payload = new byte[len - HEADER];
            in.get(payload);
            in.position(Math.min(in.limit(), start + align(len)));
            out.add(new NlAttr(type, payload));
        }
        return out;
    }

    static Optional<NlAttr> find(List<NlAttr> attrs, int kind) {
        return attrs.stream().filter(a -> a.kind() == kind).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NlAttr other && type == other.type && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NlAttr[type=" + type + ", " + payload.length + " bytes]";
    }
}
