/**
 * The {@code mailstore} command line: option parsing, help, version, exit codes and the wiring of
 * subcommands to the mailstore's services (config, store, accounts). Nothing here speaks a mail
 * protocol or runs SQL; option values (addresses, domain names, sizes, endpoints) are validated
 * here, at parse time, so bad input is a usage error (exit 2) naming the parameter.
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
 *   <li>The version comes from the Maven project version through a filtered resource.</li>
 *   <li>Administrative commands open an existing installation only ({@code Installation}); they
 *       never create a data directory by accident and never sweep files, because
 *       {@code mailstore run} may have the same directory open.</li>
 *   <li>Passwords are never arguments: a no-echo console prompt or {@code --password-stdin}.
 *       Nothing secret is printed, except a new app password, once, alone on stdout.</li>
 * </ul>
 */
package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.ExitCodes;
import org.hearthmail.cli.NotImplementedException;
