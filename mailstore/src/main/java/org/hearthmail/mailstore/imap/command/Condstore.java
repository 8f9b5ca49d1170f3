package org.hearthmail.mailstore.imap.command;

/**
 * RFC 7162 CONDSTORE: the commands that use a mod-sequence turn it on for the session (§3.1),
 * after which FETCH responses about flags carry MODSEQ.
 */
final class Condstore {
    static final String NAME = "CONDSTORE";
    static final String QRESYNC = "QRESYNC";

    private Condstore() {
    }

    static void enable(CommandContext ctx) {
        ctx.enabled().add(NAME);
    }

    static boolean on(CommandContext ctx) {
        return ctx.enabled().contains(NAME);
    }

    static boolean qresync(CommandContext ctx) {
        return ctx.enabled().contains(QRESYNC);
    }
}
