package org.hearthmail.tunnel.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NlEncodingTest {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    @Test
    void stringAttributeCountsItsNulAndIsPaddedToFourBytes() {
        NlAttr a = NlAttr.string(2, "nlctrl");
        assertThat(a.encodedLength()).isEqualTo(12);
        byte[] bytes = NlAttr.encodeAll(List.of(a));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        assertThat(b.getShort() & 0xffff).as("nla_len = header + 'nlctrl' + NUL").isEqualTo(11);
        assertThat(b.getShort() & 0xffff).isEqualTo(2);
        assertThat(bytes[10]).isZero();
        assertThat(bytes[11]).as("padding").isZero();
    }

    @Test
    void nestedAttributeSetsTheNestedFlagAndParsesBack() {
        NlAttr linkinfo = NlAttr.nested(18, List.of(NlAttr.string(1, "dummy")));
        assertThat(linkinfo.type()).isEqualTo(18 | 0x8000);
        assertThat(linkinfo.kind()).isEqualTo(18);
        NlAttr back = NlAttr.parseAll(ByteBuffer.wrap(NlAttr.encodeAll(List.of(linkinfo))).order(ByteOrder.nativeOrder())).get(0);
        assertThat(back).isEqualTo(linkinfo);
        assertThat(back.asNested()).singleElement().extracting(NlAttr::asString).isEqualTo("dummy");
    }

    @Test
    void numericAttributesRoundTrip() {
        assertThat(NlAttr.u16(1, 0xbeef).asU16()).isEqualTo(0xbeef);
        assertThat(NlAttr.u32(4, 1420).asU32()).isEqualTo(1420);
    }

    @Test
    void getFamilyRequestHasTheKernelsExpectedLayout() {
        byte[] msg = GenericNetlink.getFamilyRequest("nlctrl", 7).encode();
        String expected = LITTLE
                ? "20000000" + "1000" + "0500" + "07000000" + "00000000" + "03010000" + "0b000200" + "6e6c6374726c0000"
                : "00000020" + "0010" + "0005" + "00000007" + "00000000" + "03010000" + "000b0002" + "6e6c6374726c0000";
        assertThat(HexFormat.of().formatHex(msg)).isEqualTo(expected);
    }

    @Test
    void ackAndErrorRepliesDecode() {
        ByteBuffer b = ByteBuffer.allocate(72).order(ByteOrder.nativeOrder());
        // NLMSG_ERROR with error 0 (an ACK), echoing a 16-byte header.
        b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(9).putInt(0).putInt(0).put(new byte[16]);
        // NLMSG_ERROR with -ENOENT.
        b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(10).putInt(0).putInt(-2).put(new byte[16]);
        List<NlMessage> messages = NlMessage.decodeAll(b.array(), 72, 4);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).errorCode()).isZero();
        assertThat(messages.get(0).sequence()).isEqualTo(9);
        assertThat(messages.get(1).errorCode()).isEqualTo(-2);
    }

    @Test
    void messageWithAttributesRoundTrips() {
        NlMessage m = new NlMessage(16, 0x605, 42, 0, RtNetlink.ifinfomsg(3, 1, 1),
                List.of(NlAttr.string(3, "hm0"), NlAttr.u32(4, 1420)));
        byte[] bytes = m.encode();
        NlMessage back = NlMessage.decodeAll(bytes, bytes.length, RtNetlink.IFINFOMSG_LEN).get(0);
        assertThat(back.type()).isEqualTo(16);
        assertThat(back.flags()).isEqualTo(0x605);
        assertThat(back.familyHeader()).isEqualTo(RtNetlink.ifinfomsg(3, 1, 1));
        assertThat(back.attributes()).isEqualTo(m.attributes());
        assertThat(back.encode()).isEqualTo(bytes);
    }

    @Test
    void truncatedInputIsRejected() {
        byte[] bytes = NlAttr.encodeAll(List.of(NlAttr.string(3, "hm0")));
        ByteBuffer cut = ByteBuffer.wrap(bytes, 0, 6).order(ByteOrder.nativeOrder());
        assertThatThrownBy(() -> NlAttr.parseAll(cut)).hasMessageContaining("malformed netlink attribute");
        byte[] msg = GenericNetlink.getFamilyRequest("nlctrl", 1).encode();
        assertThatThrownBy(() -> NlMessage.decodeAll(msg, 20, 4)).hasMessageContaining("malformed netlink message");
    }
}
