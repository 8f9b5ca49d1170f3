package org.hearthmail.mailstore.imap.mime;

import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/**
 * The parse results of one message that FETCH needs: the rendered ENVELOPE, the rendered
 * BODYSTRUCTURE and BODY, and the part tree. {@link #structureCache()} and {@link #fromCache}
 * convert to and from the store's two cache columns.
 *
 * <p>Cache form of the structure column: {@code R1 <bs-length> <body-length> <BODYSTRUCTURE><BODY>}
 * followed by the {@link PartCodec} text of the tree. The rendered texts let FETCH answer
 * BODYSTRUCTURE and BODY by copying, and the tree is decoded only when a body section needs it.
 * {@link #RENDERED} must change whenever {@link BodyStructure#render} changes its output, so that
 * older entries are rendered again instead of served as they were. Entries of the older form (the
 * tree alone) are still read.
 */
public final class ParsedMessage {
    /** Version of the rendered texts in the cache (see the class comment). */
    static final String RENDERED = "R1";

    private final String envelope;
    private final String treeText;
    private MimePart root;
    private String bodyStructure;
    private String body;

    private ParsedMessage(String envelope, MimePart root, String treeText, String bodyStructure, String body) {
        this.envelope = envelope;
        this.root = root;
        this.treeText = treeText;
        this.bodyStructure = bodyStructure;
        this.body = body;
    }

    public static ParsedMessage parse(byte[] raw) {
        MimePart root = MimeParser.parse(raw);
        return new ParsedMessage(Envelope.render(HeaderBlock.parse(raw, 0, raw.length)), root, null, null, null);
    }

    public String envelope() {
        return envelope;
    }

    /** The part tree with offsets; decoded from the cache on first use. */
    public MimePart root() {
        if (root == null) {
            try {
                root = PartCodec.decode(treeText);
            } catch (ImapSyntaxException e) {
                // fromCache checked the form; a tree that does not decode is a broken store row.
                throw new IllegalStateException("unreadable structure cache: " + e.getMessage(), e);
            }
        }
        return root;
    }

    /** The text kept in the store's body-structure column. */
    public String structureCache() {
        String bs = bodyStructure();
        String b = body();
        return RENDERED + " " + bs.length() + " " + b.length() + " " + bs + b + PartCodec.encode(root());
    }

    /** Null when either column is missing or from another version: the caller parses again. */
    public static ParsedMessage fromCache(String envelope, String structure) {
        if (envelope == null || structure == null) {
            return null;
        }
        try {
            if (!structure.startsWith(RENDERED + " ")) {
                // Older form: the tree alone (or garbage, which decode refuses).
                return structure.startsWith("R") ? null
                        : new ParsedMessage(envelope, PartCodec.decode(structure), null, null, null);
            }
            int a = structure.indexOf(' ', RENDERED.length() + 1);
            int b = structure.indexOf(' ', a + 1);
            int bsLength = Integer.parseInt(structure, RENDERED.length() + 1, a, 10);
            int bodyLength = Integer.parseInt(structure, a + 1, b, 10);
            int bsEnd = b + 1 + bsLength;
            int bodyEnd = bsEnd + bodyLength;
            if (a < 0 || b < 0 || bsLength < 0 || bodyLength < 0 || bodyEnd > structure.length()
                    || !structure.startsWith(PartCodec.VERSION + " ", bodyEnd) || !structure.endsWith(")")) {
                return null;
            }
            return new ParsedMessage(envelope, null, structure.substring(bodyEnd),
                    structure.substring(b + 1, bsEnd), structure.substring(bsEnd, bodyEnd));
        } catch (ImapSyntaxException | NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    public String bodyStructure() {
        if (bodyStructure == null) {
            bodyStructure = BodyStructure.render(root(), true);
        }
        return bodyStructure;
    }

    public String body() {
        if (body == null) {
            body = BodyStructure.render(root(), false);
        }
        return body;
    }
}
