package org.hearthmail.relay.gate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionHandlerFactory;
import org.hearthmail.smtp.server.SessionInfo;

/** A test policy that accepts senders, refuses every recipient, and keeps what it saw of the session. */
final class CapturingHandler implements SessionHandler {
    volatile SessionInfo connected;
    volatile SessionInfo atRcpt;

    SessionHandlerFactory factory() {
        return info -> this;
    }

    @Override
    public CompletionStage<Decision> connect(SessionInfo session) {
        connected = session;
        return CompletableFuture.completedFuture(Decision.accept());
    }

    @Override
    public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
        return CompletableFuture.completedFuture(Decision.accept());
    }

    @Override
    public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
        atRcpt = session;
        return CompletableFuture.completedFuture(Decision.reject(Reply.MAILBOX_UNAVAILABLE));
    }

    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
        return CompletableFuture.failedFuture(new IllegalStateException("no recipient is ever accepted"));
    }
}
