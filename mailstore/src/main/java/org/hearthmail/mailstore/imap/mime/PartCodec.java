package org.hearthmail.mailstore.imap.mime;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.ParseEvent;
import org.hearthmail.mailstore.imap.proto.ParserLimits;
import org.hearthmail.mailstore.imap.proto.RequestParser;
import org.hearthmail.mailstore.imap.proto.ResponseBuilder;

/**
 * The text form of a {@link MimePart} tree kept in the store's parse cache: a versioned IMAP-syntax
 * list, written with {@link ResponseBuilder} and read back with {@link RequestParser}, so every
 * value survives (8-bit values travel as literals).
 */
public final class PartCodec {
    static final String VERSION = "1";

    private PartCodec() {
    }

    public static String encode(MimePart root) {
        ResponseBuilder b = new ResponseBuilder();
        b.raw(VERSION).sp();
        part(b, root);
        return new String(b.toBytes(), StandardCharsets.UTF_8);
    }

    private static void part(ResponseBuilder b, MimePart p) {
        b.raw("(" + p.headerStart() + " " + p.bodyStart() + " " + p.end() + " " + p.lines() + " ");
        b.string(p.type()).sp().string(p.subtype()).sp();
        params(b, p.params());
        b.sp().nstring(p.id()).sp().nstring(p.description()).sp().string(p.encoding()).sp().nstring(p.md5()).sp()
                .nstring(p.disposition()).sp();
        if (p.dispositionParams() == null) {
            b.raw("NIL");
        } else {
            params(b, p.dispositionParams());
        }
        b.sp().nstring(p.language()).sp().nstring(p.location()).sp().nstring(p.envelope()).sp().raw("(");
        for (MimePart c : p.children()) {
            part(b, c);
        }
        b.raw(") ");
        if (p.message() == null) {
            b.raw("NIL");
        } else {
            part(b, p.message());
        }
        b.raw(")");
    }

    private static void params(ResponseBuilder b, List<Param> params) {
        b.raw("(");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                b.sp();
            }
            b.string(params.get(i).name()).sp().string(params.get(i).value());
        }
        b.raw(")");
    }

    /** @throws ImapSyntaxException if {@code text} is not a cache entry of this version */
    public static MimePart decode(String text) throws ImapSyntaxException {
        byte[] line = ("c X " + text + "\r\n").getBytes(StandardCharsets.UTF_8);
        RequestParser parser = new RequestParser(new ParserLimits(Math.max(1024, line.length + 16),
                Math.max(1, line.length), Math.max(1, line.length), 1000, Integer.MAX_VALUE, 0));
        io.netty.buffer.ByteBuf in = Unpooled.wrappedBuffer(line);
        ParseEvent e;
        do {
            e = parser.next(in);
        } while (e instanceof ParseEvent.ContinuationNeeded);
        if (!(e instanceof ParseEvent.Request r)) {
            throw new ImapSyntaxException("unreadable structure cache: " + e);
        }
        ArgReader args = new ArgReader(r.args());
        if (!args.atom().equals(VERSION)) {
            throw new ImapSyntaxException("structure cache of another version");
        }
        MimePart root = part(new ArgReader(args.list()));
        args.end();
        return root;
    }

    private static MimePart part(ArgReader a) throws ImapSyntaxException {
        long hs = a.number();
        long bs = a.number();
        long end = a.number();
        long lines = a.number();
        String type = a.astring();
        String subtype = a.astring();
        List<Param> params = params(a.list());
        String id = nstring(a);
        String desc = nstring(a);
        String enc = a.astring();
        String md5 = nstring(a);
        String disp = nstring(a);
        List<Param> dparams = a.accept("NIL") ? null : params(a.list());
        String lang = nstring(a);
        String loc = nstring(a);
        String env = nstring(a);
        List<MimePart> children = new ArrayList<>();
        for (Arg c : a.list()) {
            if (!(c instanceof Arg.ListArg l)) {
                throw new ImapSyntaxException("bad child in structure cache");
            }
            children.add(part(new ArgReader(l.items())));
        }
        MimePart message = a.accept("NIL") ? null : part(new ArgReader(a.list()));
        a.end();
        return new MimePart(hs, bs, end, lines, type, subtype, params, id, desc, enc, md5, disp, dparams, lang, loc,
                env, children, message);
    }

    private static List<Param> params(List<Arg> items) throws ImapSyntaxException {
        ArgReader r = new ArgReader(items);
        List<Param> out = new ArrayList<>();
        while (r.hasMore()) {
            out.add(new Param(r.astring(), r.astring()));
        }
        return out;
    }

    private static String nstring(ArgReader a) throws ImapSyntaxException {
        Arg x = a.next();
        if (x instanceof Arg.Atom atom && atom.value().equals("NIL")) {
            return null;
        }
        if (x instanceof Arg.Str s) {
            return s.text();
        }
        if (x instanceof Arg.Atom atom) {
            return atom.value();
        }
        throw new ImapSyntaxException("expected a string in structure cache");
    }
}
