package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearthmail.mailstore.imap.mime.BinaryContent;
import org.hearthmail.mailstore.imap.mime.Section;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.Octets;
import org.hearthmail.mailstore.imap.proto.ResponseBuilder;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.MailboxView;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.NotFoundException;

/** RFC 3501 §6.4.5 FETCH and §6.4.8 UID FETCH, with BINARY (RFC 3516, RFC 9051 §6.4.5). */
final class FetchCommand implements Command {
    private static final byte[] ENVELOPE = "ENVELOPE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "BODY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODYSTRUCTURE = "BODYSTRUCTURE ".getBytes(StandardCharsets.US_ASCII);
    /** Room for a typical response with ENVELOPE and BODYSTRUCTURE, so its buffer seldom grows. */
    private static final int RESPONSE_CAPACITY = 2048;
    /** Bounds of a FETCH answered on the event loop ({@link #executeAtOnce}). */
    static final int AT_ONCE_MESSAGES = 4;
    static final int AT_ONCE_OCTETS = 128 * 1024;
    private final boolean uid;

    FetchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override public String name() { return "FETCH"; }
    @Override public Set<ImapState> validIn() { return States.SELECTED; }
    @Override public boolean expungeUpdatesAllowed() { return uid; }

    /** A FETCH's arguments: the messages, the items, and the RFC 7162 modifiers. */
    private record Request(SequenceSet set, List<FetchItem> items, long changedSince, boolean vanished) {
    }

    private Request parse(CommandContext ctx, ArgReader args) throws ImapSyntaxException {
        SequenceSet set = args.sequenceSet();
        List<FetchItem> items = new java.util.ArrayList<>(FetchItem.parse(args.next()));
        long changedSince = -1;
        boolean vanished = false;
        if (args.peekIsList()) {
            // RFC 7162 §3.1.4.1: FETCH ... (CHANGEDSINCE modseq) returns only messages changed after it.
            ArgReader mods = new ArgReader(args.list());
            while (mods.hasMore()) {
                String m = mods.keyword();
                if (m.equals("CHANGEDSINCE")) {
                    changedSince = mods.number();
                } else if (m.equals("VANISHED") && uid && Condstore.qresync(ctx)) {
                    vanished = true; // RFC 7162 §3.2.6: only UID FETCH, only with QRESYNC enabled
                } else {
                    throw new ImapSyntaxException("unknown or not enabled FETCH modifier " + m);
                }
            }
            if (vanished && changedSince < 0) {
                throw new ImapSyntaxException("VANISHED needs CHANGEDSINCE");
            }
            items.add(new FetchItem.Simple(FetchItem.Kind.MODSEQ));
        }
        args.end();
        return new Request(set, items, changedSince, vanished);
    }

    /**
     * The way clients download messages, {@code UID FETCH n BODY.PEEK[]} (and top-level sections,
     * UID, RFC822.SIZE), answered on the event loop when the shared mailbox view is up to date (it
     * knows each body's file) and their bytes are all in the page cache: no database access, no
     * wait for the disk. At most {@link #AT_ONCE_MESSAGES} messages and {@link #AT_ONCE_OCTETS}
     * octets, so the answer stays well below {@code WorkerOutput}'s flush point and the event loop is
     * not held for long; otherwise null, and a worker runs it.
     */
    @Override
    public Outcome executeAtOnce(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        Request r = parse(ctx, args);
        if (r.changedSince() >= 0 || !r.items().stream().allMatch(FetchCommand::needsOnlyTheBody)
                || setsSeen(ctx, r.items())) {
            return null;
        }
        MailboxView shared = ctx.selected().shared();
        List<Target> targets = FetchTargets.bodiesOnly(ctx, r.set(), uid, shared == null ? null : shared.currentIfSynced());
        if (targets == null || targets.size() > AT_ONCE_MESSAGES) {
            return null;
        }
        List<MessageContent> contents = new java.util.ArrayList<>(targets.size());
        long octets = 0;
        for (Target t : targets) {
            octets += t.meta().size();
            byte[] body = octets > AT_ONCE_OCTETS ? null : ctx.store().bodyIfCached(t.meta(), AT_ONCE_OCTETS);
            if (body == null) {
                return null;
            }
            contents.add(MessageContent.bodyOnly(ctx.store(), t.meta(), body));
        }
        boolean wantsUid = uid || r.items().contains(new FetchItem.Simple(FetchItem.Kind.UID));
        RenderedCache rendered = RenderedCache.of(ctx.store());
        List<byte[]> answer = new java.util.ArrayList<>(3 * targets.size());
        for (int i = 0; i < targets.size(); i++) {
            answer.addAll(render(rendered, targets.get(i).seq(), contents.get(i), r.items(), wantsUid, false, false));
        }
        for (byte[] part : answer) {
            ctx.write(part); // only now: nothing is written if anything above fails
        }
        return Outcome.ok((uid ? "UID " : "") + "FETCH completed");
    }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        Request r = parse(ctx, args);
        SequenceSet set = r.set();
        List<FetchItem> items = r.items();
        long changedSince = r.changedSince();
        if (r.vanished()) {
            Qresync.vanishedEarlier(ctx, changedSince, set);
        }
        if (items.contains(new FetchItem.Simple(FetchItem.Kind.MODSEQ))) {
            Condstore.enable(ctx);
        }
        boolean wantsUid = uid || items.contains(new FetchItem.Simple(FetchItem.Kind.UID));
        boolean wantsFlags = items.contains(new FetchItem.Simple(FetchItem.Kind.FLAGS));
        boolean setsSeen = setsSeen(ctx, items);
        boolean modSeqOn = Condstore.on(ctx);
        RenderedCache rendered = RenderedCache.of(ctx.store());
        // Without a body part to cut out, the summary rows suffice: ENVELOPE and BODYSTRUCTURE come
        // ready-rendered from memory (the parse caches are read only for messages not there yet).
        boolean summaries = items.stream().allMatch(FetchCommand::servedFromSummary);
        // Whole bodies and top-level sections (the usual download after a client's sync) are found
        // through the shared mailbox view, without a read of the store's rows.
        boolean bodiesOnly = !setsSeen && changedSince < 0 && items.stream().allMatch(FetchCommand::needsOnlyTheBody);
        MailboxView shared = ctx.selected().shared();
        List<Target> targets = bodiesOnly && shared != null
                ? FetchTargets.bodiesOnly(ctx, set, uid, shared.sync(ctx.selected().largestUid())) : null;
        boolean fromMemory = targets != null;
        if (!fromMemory) {
            targets = summaries ? FetchTargets.summaries(ctx, set, uid) : Target.resolve(ctx, set, uid);
        }
        if (summaries && items.stream().anyMatch(FetchCommand::isRendered)) {
            rendered.fillMissing(ctx.store(), ctx.selected().id(), targets);
        }
        Map<Long, MessageMeta> seen = setsSeen ? markSeen(ctx, targets, changedSince) : Map.of();
        for (Target t : targets) {
            MessageMeta meta = t.meta();
            if (meta.modSeq() <= changedSince) {
                continue;
            }
            MessageMeta now = seen.get(meta.uid());
            boolean flagsChanged = now != null;
            if (flagsChanged) {
                // RFC 3501 §6.4.5: BODY[...] (not PEEK) sets \Seen, and the new flags are returned.
                meta = new MessageMeta(meta.mailboxId(), meta.uid(), now.modSeq(), now.flags(), meta.internalDate(),
                        meta.size(), meta.blob(), meta.envelope(), meta.bodyStructure());
            }
            List<byte[]> response;
            try {
                MessageContent content = fromMemory ? MessageContent.bodyOnly(ctx.store(), meta)
                        : new MessageContent(ctx.store(), meta);
                response = render(rendered, t.seq(), content, items, wantsUid,
                        flagsChanged && !wantsFlags, modSeqOn && flagsChanged);
            } catch (NoSuchFileException e) {
                if (!fromMemory || ctx.store().message(ctx.selected().id(), meta.uid()).isPresent()) {
                    throw e;
                }
                continue; // expunged by another session meanwhile: left out, as a read of the rows would
            }
            for (byte[] part : response) {
                ctx.write(part);
            }
        }
        return Outcome.ok((uid ? "UID " : "") + "FETCH completed");
    }

    /** RFC 3501 §6.4.5: BODY[...] and BINARY[...] without .PEEK set \Seen, unless the mailbox is read-only. */
    private static boolean setsSeen(CommandContext ctx, List<FetchItem> items) {
        return !ctx.selected().readOnly()
                && items.stream().anyMatch(i -> i instanceof FetchItem.Body b && !b.peek()
                        || i instanceof FetchItem.Binary x && !x.peek());
    }

    /**
     * Whether an item needs nothing of the message but its summary row, its body file and its
     * rendered forms: all but body parts, header sections and BINARY, which cut the message by its
     * part tree.
     */
    private static boolean servedFromSummary(FetchItem item) {
        if (item instanceof FetchItem.Body b) {
            return b.section().part().isEmpty() && b.section().kind() == Section.Kind.ALL;
        }
        return item instanceof FetchItem.Simple;
    }

    /**
     * Whether an item needs nothing but the message's UID, size and body file ({@link
     * FetchTargets#bodiesOnly}): the whole message or a section of its top level (HEADER,
     * HEADER.FIELDS, TEXT), which needs no part tree but the top level's, split from the bytes.
     */
    private static boolean needsOnlyTheBody(FetchItem item) {
        if (item instanceof FetchItem.Simple s) {
            return s.kind() == FetchItem.Kind.UID || s.kind() == FetchItem.Kind.RFC822_SIZE;
        }
        return item instanceof FetchItem.Body b && b.section().part().isEmpty();
    }

    private static boolean isRendered(FetchItem item) {
        return item instanceof FetchItem.Simple s
                && (s.kind() == FetchItem.Kind.ENVELOPE || s.kind() == FetchItem.Kind.BODYSTRUCTURE
                || s.kind() == FetchItem.Kind.BODY);
    }

    /** Sets \Seen on every target lacking it, in one transaction; the changed messages by UID. */
    private static Map<Long, MessageMeta> markSeen(CommandContext ctx, List<Target> targets, long changedSince) {
        SortedMap<Long, Set<String>> changes = new TreeMap<>();
        for (Target t : targets) {
            if (t.meta().modSeq() > changedSince && !t.meta().flags().contains(Flags.SEEN)) {
                Set<String> flags = new TreeSet<>(t.meta().flags());
                flags.add(Flags.SEEN);
                changes.put(t.meta().uid(), flags);
            }
        }
        if (changes.isEmpty()) {
            return Map.of();
        }
        Map<Long, MessageMeta> out = new HashMap<>();
        try {
            for (MessageMeta m : ctx.store().setFlags(ctx.selected().id(), changes)) {
                out.put(m.uid(), m);
                ctx.selected().flagsChanged(m.uid(), m.modSeq());
            }
        } catch (NotFoundException e) {
            return Map.of(); // the mailbox was deleted meanwhile
        }
        return out;
    }

    /**
     * One FETCH response as consecutive byte arrays: literal data (message bodies) is passed on as
     * read, not copied into the response.
     */
    private static List<byte[]> render(RenderedCache rendered, int seq, MessageContent msg, List<FetchItem> items,
                                       boolean wantsUid, boolean addFlags, boolean addModSeq) throws IOException, ImapException {
        MessageMeta meta = msg.meta();
        List<byte[]> parts = new java.util.ArrayList<>(3);
        ResponseBuilder b = new ResponseBuilder(RESPONSE_CAPACITY);
        b.raw("* " + seq + " FETCH (");
        boolean first = true;
        if (wantsUid) {
            b.raw("UID " + meta.uid());
            first = false;
        }
        if (addFlags) {
            b.raw(first ? "" : " ").raw("FLAGS (" + String.join(" ", meta.flags()) + ")");
            first = false;
        }
        boolean modSeqAsked = items.contains(new FetchItem.Simple(FetchItem.Kind.MODSEQ));
        if (addModSeq && !modSeqAsked) {
            b.raw(first ? "" : " ").raw("MODSEQ (" + meta.modSeq() + ")");
            first = false;
        }
        for (FetchItem item : items) {
            if (item instanceof FetchItem.Simple s && s.kind() == FetchItem.Kind.UID) {
                continue;
            }
            if (!first) {
                b.sp();
            }
            first = false;
            if (item instanceof FetchItem.Simple s) {
                switch (s.kind()) {
                    case FLAGS -> b.raw("FLAGS (" + String.join(" ", meta.flags()) + ")");
                    case INTERNALDATE -> b.raw("INTERNALDATE \"" + Dates.format(meta.internalDate()) + "\"");
                    case RFC822_SIZE -> b.raw("RFC822.SIZE " + meta.size());
                    case ENVELOPE -> b.raw(ENVELOPE).raw(msg.rendered(rendered).envelope());
                    case BODY -> b.raw(BODY).raw(msg.rendered(rendered).body());
                    case BODYSTRUCTURE -> b.raw(BODYSTRUCTURE).raw(msg.rendered(rendered).bodyStructure());
                    case MODSEQ -> b.raw("MODSEQ (" + meta.modSeq() + ")");
                    default -> throw new IllegalStateException(s.kind().name());
                }
            } else if (item instanceof FetchItem.Body body) {
                byte[] literal = section(b, msg, body);
                if (literal != null) {
                    parts.add(b.toBytes());
                    parts.add(literal);
                    b = new ResponseBuilder();
                }
            } else if (item instanceof FetchItem.Binary binary) {
                binary(b, msg, binary);
            }
        }
        b.raw(")").crlf();
        parts.add(b.toBytes());
        return parts;
    }

    /**
     * Writes a body section's label to {@code b}; returns the literal's data for the caller to send
     * after {@code b}, or null when the section is NIL (written to {@code b}).
     */
    private static byte[] section(ResponseBuilder b, MessageContent msg, FetchItem.Body body) throws IOException {
        byte[] data = body.section().part().isEmpty() && body.section().kind() == Section.Kind.ALL
                ? msg.raw() : body.section().extract(msg.raw(), msg.root());
        b.raw(body.label());
        if (data == null) {
            // RFC 3501 §9 msg-att-static: the section data is an nstring; a part that does not exist is NIL.
            b.raw(body.origin() >= 0 ? "<" + body.origin() + "> NIL" : " NIL");
            return null;
        }
        // RFC 9051 §4.3.1: NUL only through BINARY; RFC 3501 §4.3: a literal is {octets} CRLF and the octets.
        data = Octets.textual(partial(b, data, body.origin(), body.length()));
        b.sp().raw("{" + data.length + "}").crlf();
        return data;
    }

    /** RFC 3516 §4.2 / RFC 9051 §6.4.5 BINARY[part], BINARY.SIZE[part]: the content without its transfer encoding. */
    private static void binary(ResponseBuilder b, MessageContent msg, FetchItem.Binary item)
            throws IOException, ImapException {
        BinaryContent.Result r = BinaryContent.of(msg.raw(), msg.parsed().root(), item.part());
        byte[] data;
        if (r instanceof BinaryContent.Decoded d) {
            data = d.bytes();
        } else if (r instanceof BinaryContent.UnknownEncoding) {
            // RFC 3516 §4.2: a transfer encoding the server cannot decode fails the FETCH.
            throw ImapException.no("UNKNOWN-CTE", "Cannot decode the part's Content-Transfer-Encoding");
        } else if (r instanceof BinaryContent.Corrupt) {
            throw ImapException.no("PARSE", "The part's content does not match its Content-Transfer-Encoding");
        } else {
            data = null;
        }
        b.raw(item.label());
        if (item.sizeOnly()) {
            b.sp().raw(Integer.toString(data == null ? 0 : data.length));
            return;
        }
        if (data == null) {
            b.raw(item.origin() >= 0 ? "<" + item.origin() + "> NIL" : " NIL");
            return;
        }
        data = partial(b, data, item.origin(), item.length());
        b.sp();
        // RFC 3516 §4.2 / RFC 9051 §4.3: data with NUL can only travel as literal8.
        if (Octets.hasNul(data)) {
            b.literal8(data);
        } else {
            b.literal(data);
        }
    }

    /** RFC 3501 §6.4.5: partial data is labelled with its origin only; returns the range's octets. */
    private static byte[] partial(ResponseBuilder b, byte[] data, long origin, long length) {
        if (origin < 0) {
            return data;
        }
        b.raw("<" + origin + ">");
        int from = (int) Math.min(origin, data.length);
        int to = (int) Math.min((long) from + length, data.length);
        return Arrays.copyOfRange(data, from, to);
    }
}
