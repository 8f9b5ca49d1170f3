/** One class per SMTP command, each stateless and run against a {@link org.hearthmail.smtp.server.SessionContext}. */
package org.hearthmail.smtp.server.command;
