package org.hearthmail.mailstore.submission;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hearthmail.mailstore.auth.AuthResult;
import org.hearthmail.mailstore.auth.Authenticator;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.SessionInfo;

/**
 * SMTP AUTH (RFC 4954) against the mailstore's accounts and app passwords. The throttle key is the
 * real client address ({@link SessionInfo#client()}: the PROXY header's source when the relay
 * forwarded the connection), so bans are per client, not per relay, and shared with IMAP.
 * Argon2 runs on the worker executor; the password copy is wiped after the check.
 */
final class SubmissionAuthenticator implements org.hearthmail.smtp.server.Authenticator {

    private final Authenticator accounts;
    private final Executor executor;

    SubmissionAuthenticator(Authenticator accounts, Executor executor) {
        this.accounts = accounts;
        this.executor = executor;
    }

    /** RFC 4954 §6: the server could not check the credentials just now. */
    static final Reply TEMPORARY_FAILURE = Reply.of(454, "4.7.0", "Temporary authentication failure");

    @Override
    public CompletionStage<Result> authenticate(SessionInfo session, Credentials credentials) {
        // RFC 4616 §2: an authzid other than the authcid asks to act as someone else; not offered.
        if (!credentials.authzid().isEmpty() && !credentials.authzid().equalsIgnoreCase(credentials.username())) {
            return CompletableFuture.completedFuture(new Result.Failure(Reply.AUTH_INVALID));
        }
        // The engine wipes its array when the stage completes; the worker uses its own copy.
        char[] password = credentials.password().clone();
        String username = credentials.username();
        return CompletableFuture.supplyAsync(() -> {
            try {
                AuthResult r = accounts.authenticate(username, password, session.client().getAddress());
                if (r instanceof AuthResult.Success ok) {
                    return new Result.Success(ok.user().address());
                }
                if (r instanceof AuthResult.Throttled t) {
                    return new Result.Failure(t.block().banned() ? SubmissionReplies.BANNED : SubmissionReplies.THROTTLED);
                }
                return new Result.Failure(Reply.AUTH_INVALID);
            } catch (org.hearthmail.mailstore.auth.Argon2Exception e) {
                // RFC 4954 §6: 454 4.7.0 Temporary authentication failure (the hash could not be computed).
                org.slf4j.LoggerFactory.getLogger(SubmissionAuthenticator.class).error("password check failed: {}",
                        e.getMessage());
                return new Result.Failure(TEMPORARY_FAILURE);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, executor);
    }
}
