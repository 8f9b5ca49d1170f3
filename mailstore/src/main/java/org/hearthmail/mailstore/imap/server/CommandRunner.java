package org.hearthmail.mailstore.imap.server;

import java.io.IOException;
import org.hearthmail.mailstore.imap.command.Command;
import org.hearthmail.mailstore.imap.command.CommandContext;
import org.hearthmail.mailstore.imap.command.ImapException;
import org.hearthmail.mailstore.imap.command.Outcome;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.store.NotFoundException;
import org.hearthmail.mailstore.store.OverQuotaException;
import org.hearthmail.mailstore.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command on a worker thread and writes its tagged response: the one place where failures
 * become NO or BAD (RFC 3501 §7.1, codes from RFC 5530). Internal errors are logged, never shown;
 * an {@link Error} (out of memory, stack overflow) ends the session.
 */
final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    @FunctionalInterface
    private interface Body {
        Outcome run() throws ImapException, ImapSyntaxException, IOException;
    }

    private final ImapSession session;

    CommandRunner(ImapSession session) {
        this.session = session;
    }

    void run(String tag, Command command, ArgReader args) {
        execute(tag, command.expungeUpdatesAllowed(), () -> command.execute(session, tag, args));
    }

    /**
     * Answers the request on the event loop when the command can without waiting ({@link
     * Command#executeAtOnce}); false, with nothing written, when it cannot. The session calls it only
     * when no change is waiting to be reported, so the OK follows the answer directly: a change that
     * arrives meanwhile waits for the next command boundary, as one arriving just after the command
     * would (RFC 3501 §7: the server may send untagged data at any time, it need not at this one).
     * Event loop.
     */
    boolean runAtOnce(String tag, Command command, ArgReader args) {
        Outcome outcome;
        try {
            outcome = command.executeAtOnce(session, tag, args);
        } catch (ImapException | ImapSyntaxException | IOException | RuntimeException e) {
            LOG.debug("IMAP {}: {} left to a worker after {}", session.client(), command.name(), e.toString());
            return false; // the worker runs it again and answers the failure the usual way
        }
        if (!(outcome instanceof Outcome.Ok ok)) {
            return false;
        }
        session.pendingTag(tag);
        tagged(tag, "OK", ok.code(), ok.text());
        session.finished(tag, outcome, true);
        return true;
    }

    void runLine(String tag, CommandContext.LineHandler handler, byte[] line) {
        execute(tag, true, () -> handler.onLine(line));
    }

    private void execute(String tag, boolean expungesAllowed, Body body) {
        Outcome outcome = null;
        boolean fatal = false;
        session.pendingTag(tag);
        try {
            outcome = body.run();
            if (outcome instanceof Outcome.Ok ok) {
                session.flushUpdates(expungesAllowed);
                tagged(tag, "OK", ok.code(), ok.text());
            } else if (outcome instanceof Outcome.Logout) {
                session.untagged("BYE Logging out");
                tagged(tag, "OK", null, "LOGOUT completed");
            }
        } catch (ImapSyntaxException e) {
            tagged(tag, "BAD", null, e.getMessage());
            session.countBadFromWorker();
        } catch (ImapException e) {
            if (!e.isBad()) {
                session.flushUpdates(expungesAllowed);
            }
            tagged(tag, e.isBad() ? "BAD" : "NO", e.code(), e.getMessage());
        } catch (OverQuotaException e) {
            tagged(tag, "NO", "OVERQUOTA", "Over storage quota");
        } catch (NotFoundException e) {
            tagged(tag, "NO", "NONEXISTENT", "No such mailbox or message");
        } catch (IllegalArgumentException e) {
            tagged(tag, "BAD", null, "Invalid argument");
            session.countBadFromWorker();
        } catch (StoreException | IOException e) {
            LOG.warn("IMAP {}: storage failure: {}", session.client(), e.toString());
            tagged(tag, "NO", "UNAVAILABLE", "Storage temporarily unavailable");
        } catch (RuntimeException e) {
            LOG.error("IMAP {}: internal error", session.client(), e);
            tagged(tag, "NO", "SERVERBUG", "Internal server error");
        } catch (Error e) {
            // OutOfMemoryError, StackOverflowError and the like: the session's state cannot be
            // trusted any more, so it ends (BYE if it still can) instead of answering on half alive.
            fatal = true;
            session.fatal(e);
        } finally {
            if (!fatal) {
                // The answer goes out in the event-loop task that ends the command (one hand-over).
                // After STARTTLS the OK is written on the event loop, in clear, before the TLS handler.
                session.finished(tag, outcome, !(outcome instanceof Outcome.StartTls));
            }
        }
    }

    private void tagged(String tag, String status, String code, String text) {
        session.write((tag + " " + status + (code == null ? "" : " [" + code + "]") + " " + text + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
