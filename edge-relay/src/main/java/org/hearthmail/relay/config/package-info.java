/**
 * {@code relay.toml}: the relay's configuration, in its data directory. Loaded once at start into
 * immutable records; every error names the file and the key (or the line for syntax errors), and
 * unknown keys are refused.
 */
package org.hearthmail.relay.config;
