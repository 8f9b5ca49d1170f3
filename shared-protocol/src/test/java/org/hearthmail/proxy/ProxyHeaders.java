package org.hearthmail.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds PROXY headers byte by byte (independently of Netty's encoder) and splits inputs. */
final class ProxyHeaders {

    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final int CMD_LOCAL = 0x20;
    static final int CMD_PROXY = 0x21;
    static final int TCP4 = 0x11;
    static final int UDP4 = 0x12;
    static final int TCP6 = 0x21;
    static final int UNSPEC = 0x00;
    static final int UNIX_STREAM = 0x31;

    private ProxyHeaders() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] v2(int versionCommand, int family, byte[] addressBlock, byte[] tlvs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(versionCommand);
        out.write(family);
        int len = addressBlock.length + tlvs.length;
        out.write(len >>> 8);
        out.write(len & 0xFF);
        out.writeBytes(addressBlock);
        out.writeBytes(tlvs);
        return out.toByteArray();
    }

    static byte[] ipv4Block(int[] src, int[] dst, int srcPort, int dstPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b : src) {
            out.write(b);
        }
        for (int b : dst) {
            out.write(b);
        }
        writeShort(out, srcPort);
        writeShort(out, dstPort);
        return out.toByteArray();
    }

    static byte[] ipv6Block(byte[] src, byte[] dst, int srcPort, int dstPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(src);
        out.writeBytes(dst);
        writeShort(out, srcPort);
        writeShort(out, dstPort);
        return out.toByteArray();
    }

    static byte[] tlv(int type, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        writeShort(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The input cut in two at {@code position}. */
    static List<byte[]> splitAt(byte[] input, int position) {
        return List.of(slice(input, 0, position), slice(input, position, input.length));
    }

    static List<byte[]> singleBytes(byte[] input) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < input.length; i++) {
            out.add(slice(input, i, i + 1));
        }
        return out;
    }

    static byte[] slice(byte[] input, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(input, from, out, 0, out.length);
        return out;
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v & 0xFF);
    }
}
