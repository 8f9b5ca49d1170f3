package org.hearthmail.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where an exception thrown by a subcommand becomes a message and an exit code:
 * one line on stderr, no stack trace (that is logged at DEBUG for {@code --log-level debug}).
 */
public final class ErrorHandler implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof NotImplementedException) {
            cmd.getErr().println(ex.getMessage());
            return ExitCodes.NOT_IMPLEMENTED;
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + message);
        LOG.debug("{} failed", cmd.getCommandSpec().qualifiedName(), ex);
        return ExitCodes.RUNTIME_FAILURE;
    }
}
