package org.hearthmail.mailstore.imap.command;

import java.net.InetAddress;
import java.util.Set;
import org.hearthmail.mailstore.auth.Authenticator;
import org.hearthmail.mailstore.imap.server.ImapConfig;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.User;

/** What a command sees of its session. Called only from the command's own worker thread. */
public interface CommandContext {

    ImapConfig config();

    MailStore store();

    Authenticator authenticator();

    ImapState state();

    /** The logged-in user; null before login. */
    User user();

    /** Logs the session in: AUTHENTICATED state, change notifications for this user. */
    void loggedIn(User user);

    /** The client's address, from a trusted PROXY header when there was one. */
    InetAddress clientAddress();

    boolean tlsActive();

    /** True once COMPRESS DEFLATE is in force. */
    boolean compressionActive();

    /** Null unless SELECTED. */
    SelectedMailbox selected();

    /**
     * Starts queuing change events of {@code mailboxId}; called before reading a mailbox for SELECT
     * so that no change between that read and {@link #select} is lost (they are applied idempotently).
     */
    void watch(long mailboxId);

    /** Enters SELECTED with {@code mailbox}, or goes back to AUTHENTICATED when null. */
    void select(SelectedMailbox mailbox);

    /** The CAPABILITY list for the current state, without the word CAPABILITY. */
    String capabilities();

    /** Extensions turned on with ENABLE (RFC 5161). */
    Set<String> enabled();

    /** Writes {@code "* " + text + CRLF}. */
    void untagged(String text);

    /** Writes bytes that already form complete response lines (FETCH with literals). */
    void write(byte[] response);

    /** Writes a command continuation request {@code "+ " + text} and flushes. */
    void continuation(String text);

    /** The next client input is one raw line, handed to {@code handler}; the command answers then. */
    void expectLine(LineHandler handler);

    /**
     * Removes expunged messages from the selected view and tells the client: one EXPUNGE per
     * message (RFC 3501 §7.4.1), or one VANISHED once QRESYNC is enabled (RFC 7162 §3.2.10).
     */
    void reportExpunged(java.util.List<Long> uids);

    /** Sends untagged updates (EXISTS, EXPUNGE, FETCH FLAGS) for changes made by other sessions. */
    void flushUpdates(boolean expungesAllowed);

    /** Turns IDLE mode on or off: while on, changes are pushed as they happen (RFC 2177). */
    void idling(boolean on);

    /** Receives the raw line a waiting command asked for. */
    @FunctionalInterface
    interface LineHandler {
        Outcome onLine(byte[] line) throws ImapException, java.io.IOException;
    }
}
