/**
 * The {@code edge-relay} command line: option parsing, help, version, exit codes and the wiring of
 * subcommands to the relay's services. Nothing here speaks SMTP or touches the spool itself.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Exit codes are fixed and documented in {@code --help}: {@value ExitCodes#OK} ok,
 *       {@value ExitCodes#RUNTIME_FAILURE} runtime failure, {@value ExitCodes#USAGE} usage error
 *       (picocli's default; the message names the flag at fault), {@value ExitCodes#NOT_IMPLEMENTED}
 *       not implemented yet.</li>
 *   <li>A subcommand whose feature does not exist yet throws {@link NotImplementedException}; it
 *       never pretends to work.</li>
 *   <li>Errors reach the user as one line on stderr, never as a stack trace; stdout carries only
 *       a command's output (so it can be redirected), logs go to stderr.</li>
 *   <li>The {@code queue} commands act only through {@code QueueStore}, whose lock file makes them
 *       safe beside a running relay; the relay sees their changes at its next scan.</li>
 *   <li>The version comes from the Maven project version through a filtered resource.</li>
 * </ul>
 */
package org.hearthmail.relay.cli;

import org.hearthmail.cli.ExitCodes;
import org.hearthmail.cli.NotImplementedException;
