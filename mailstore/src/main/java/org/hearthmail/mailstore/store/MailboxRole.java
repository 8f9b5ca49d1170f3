package org.hearthmail.mailstore.store;

import java.util.Optional;

/**
 * What a mailbox is for. Every role except {@link #NONE} and {@link #INBOX} is a SPECIAL-USE
 * attribute (RFC 6154 §2); a user has at most one mailbox per role.
 */
public enum MailboxRole {
    NONE(null, null),
    /** RFC 3501 §5.1: INBOX is the primary mailbox, its name is case-insensitive. */
    INBOX(null, "INBOX"),
    ARCHIVE("\\Archive", "Archive"),
    DRAFTS("\\Drafts", "Drafts"),
    JUNK("\\Junk", "Junk"),
    SENT("\\Sent", "Sent"),
    TRASH("\\Trash", "Trash"),
    ALL("\\All", "All Mail"),
    FLAGGED("\\Flagged", "Flagged");

    private final String attribute;
    private final String defaultName;

    MailboxRole(String attribute, String defaultName) {
        this.attribute = attribute;
        this.defaultName = defaultName;
    }

    /** The RFC 6154 attribute, e.g. {@code \Sent}; empty for NONE and INBOX. */
    public Optional<String> specialUseAttribute() {
        return Optional.ofNullable(attribute);
    }

    public String defaultName() {
        return defaultName;
    }

    /** The mailboxes every new user gets, in creation order. */
    public static final java.util.List<MailboxRole> DEFAULTS =
            java.util.List.of(INBOX, SENT, DRAFTS, TRASH, JUNK, ARCHIVE);
}
