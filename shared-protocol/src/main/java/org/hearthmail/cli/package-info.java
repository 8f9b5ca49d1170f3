/**
 * What both programs' command lines share: exit codes, the one error handler that turns an
 * exception into one line and an exit code, {@code --log-level}, {@code --version} and bash completion.
 */
package org.hearthmail.cli;
