package org.hearthmail.mailstore.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hearthmail.mailstore.imap.proto.ResponseBuilder;

/** Renders BODYSTRUCTURE and BODY (RFC 3501 §7.4.2, grammar in §9 "body") from a {@link MimePart} tree. */
public final class BodyStructure {
    private BodyStructure() {
    }

    /** @param extensible true for BODYSTRUCTURE (with extension data), false for BODY */
    public static String render(MimePart p, boolean extensible) {
        ResponseBuilder b = new ResponseBuilder();
        part(b, p, extensible);
        return new String(b.toBytes(), StandardCharsets.UTF_8);
    }

    private static void part(ResponseBuilder b, MimePart p, boolean ext) {
        b.raw("(");
        if (p.multipart()) {
            for (MimePart c : p.children()) {
                part(b, c, ext);
            }
            b.sp().string(p.subtype());
            if (ext) {
                // body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
                b.sp();
                params(b, p.params());
                b.sp();
                disposition(b, p);
                b.sp().nstring(p.language()).sp().nstring(p.location());
            }
            b.raw(")");
            return;
        }
        b.string(p.type()).sp().string(p.subtype()).sp();
        params(b, p.params());
        b.sp().nstring(p.id()).sp().nstring(p.description()).sp().string(p.encoding()).sp()
                .raw(Long.toString(p.bodySize()));
        if (p.message() != null) {
            // body-type-msg: envelope SP body SP body-fld-lines
            b.sp().raw(p.envelope()).sp();
            part(b, p.message(), ext);
            b.sp().raw(Long.toString(p.lines()));
        } else if (p.text()) {
            b.sp().raw(Long.toString(p.lines()));
        }
        if (ext) {
            // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
            b.sp().nstring(p.md5()).sp();
            disposition(b, p);
            b.sp().nstring(p.language()).sp().nstring(p.location());
        }
        b.raw(")");
    }

    private static void disposition(ResponseBuilder b, MimePart p) {
        if (p.disposition() == null) {
            b.raw("NIL");
            return;
        }
        b.raw("(").string(p.disposition()).sp();
        params(b, p.dispositionParams());
        b.raw(")");
    }

    /**
     * body-fld-param. RFC 2231 values were decoded when parsed; one that is not ASCII goes out
     * re-encoded as a single {@code name*=utf-8''...} parameter, so the response stays 7-bit.
     */
    private static void params(ResponseBuilder b, List<Param> params) {
        if (params == null || params.isEmpty()) {
            b.raw("NIL");
            return;
        }
        b.raw("(");
        boolean first = true;
        for (Param p : params) {
            if (!first) {
                b.sp();
            }
            first = false;
            if (p.value().chars().allMatch(c -> c < 0x80)) {
                b.string(p.name()).sp().string(p.value());
            } else {
                b.string(p.name() + "*").sp().string("utf-8''" + percentEncode(p.value()));
            }
        }
        b.raw(")");
    }

    private static String percentEncode(String v) {
        StringBuilder sb = new StringBuilder();
        for (byte x : v.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c > 0x20 && c < 0x7f && "*'%()<>@,;:\\\"/[]?=".indexOf(c) < 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
