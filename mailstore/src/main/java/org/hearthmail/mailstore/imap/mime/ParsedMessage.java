package org.hearthmail.mailstore.imap.mime;

import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/**
 * The parse results of one message that FETCH needs: the rendered ENVELOPE and the part tree.
 * {@link #cacheForm()} and {@link #fromCache} convert to and from the store's two cache columns.
 */
public record ParsedMessage(String envelope, MimePart root) {

    public static ParsedMessage parse(byte[] raw) {
        MimePart root = MimeParser.parse(raw);
        return new ParsedMessage(Envelope.render(HeaderBlock.parse(raw, 0, raw.length)), root);
    }

    /** The text kept in the store's body-structure column. */
    public String structureCache() {
        return PartCodec.encode(root);
    }

    /** Null when either column is missing or from another version: the caller parses again. */
    public static ParsedMessage fromCache(String envelope, String structure) {
        if (envelope == null || structure == null) {
            return null;
        }
        try {
            return new ParsedMessage(envelope, PartCodec.decode(structure));
        } catch (ImapSyntaxException e) {
            return null;
        }
    }

    public String bodyStructure() {
        return BodyStructure.render(root, true);
    }

    public String body() {
        return BodyStructure.render(root, false);
    }
}
