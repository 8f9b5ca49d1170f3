package org.hearthmail.smtp.server;

/** Makes one {@link SessionHandler} per accepted connection. */
@FunctionalInterface
public interface SessionHandlerFactory {
    SessionHandler newSession(SessionInfo session);
}
