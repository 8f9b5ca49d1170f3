/**
 * The mailstore's configuration: {@code mailstore.toml} in the data directory, parsed (Jackson's
 * TOML reader) into the immutable {@link org.hearthmail.mailstore.config.MailstoreConfig} record tree.
 *
 * <p>Invariants:
 * <ul>
 *   <li>A {@code MailstoreConfig} is always valid: {@link org.hearthmail.mailstore.config.ConfigLoader}
 *       checks every rule before building one, and the records check their own ranges again.</li>
 *   <li>Every error names the file and the dotted key ({@code mailstore.toml: intake.listen: ...}),
 *       or the line for a TOML syntax error. Unknown keys are errors, never ignored.</li>
 *   <li>Domain names are held as lower-case A-labels ({@link org.hearthmail.config.HostNames}).</li>
 *   <li>Paths (TLS files) are relative to the data directory and may not leave it, so a backup of
 *       the directory is complete.</li>
 *   <li>Loaded once, injected where needed; nothing here is global or reloaded behind a caller's back.</li>
 * </ul>
 */
package org.hearthmail.mailstore.config;

import org.hearthmail.config.HostNames;