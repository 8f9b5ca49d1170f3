package org.hearthmail.mailstore.submission;

import java.util.concurrent.Executor;
import org.hearthmail.mailstore.auth.LoginThrottle;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.store.MailStore;

/** What every submission session shares. */
record SubmissionContext(SubmissionConfig config, MailStore store, LoginThrottle throttle, DkimKeyStore dkim,
                         RelayHandoff relay, Executor worker, SenderCheck senders, RecipientRouter router,
                         HeaderRewriter rewriter) {
}
