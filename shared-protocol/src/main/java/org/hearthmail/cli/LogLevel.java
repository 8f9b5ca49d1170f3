package org.hearthmail.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Values of the global {@code --log-level} option; applying one sets Logback's root level. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** Sets the root logger of the running Logback context to this level. */
    public void apply() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("--log-level needs Logback, found " + factory.getClass().getName());
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(name()));
    }
}
