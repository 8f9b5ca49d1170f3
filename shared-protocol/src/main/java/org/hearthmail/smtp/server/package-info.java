/**
 * The SMTP server engine shared by the relay (port 25) and the mailstore (intake, submission).
 *
 * <p>It owns the protocol: command syntax, the order of commands ({@link org.hearthmail.smtp.server.Verb}),
 * ESMTP extensions, limits and replies. It owns no policy: a {@link org.hearthmail.smtp.server.SessionHandler}
 * decides on each step and says where content goes ({@link org.hearthmail.smtp.server.MessageSink}).
 *
 * <p>Invariants: replies come in command order; no input is read while a policy or storage call is
 * pending; a message is acknowledged with the sink's own reply, so 250 means what the sink says it
 * means (durably stored); content with bare CR/LF is refused; nothing blocks the event loop.
 */
package org.hearthmail.smtp.server;
