package org.hearthmail.smtp.server.command;

import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SmtpException;

/** One SMTP command. Stateless: per-session state lives in the {@link SessionContext}. */
public interface Command {

    /** Runs the command; {@code args} is the text after the verb and one space. */
    void execute(SessionContext session, String args) throws SmtpException;
}
