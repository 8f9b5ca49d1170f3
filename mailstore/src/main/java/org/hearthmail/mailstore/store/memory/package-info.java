/**
 * An in-memory {@link org.hearthmail.mailstore.store.MailStore} that passes the same contract tests
 * as the SQLite store. For tests of the layers above; it holds bodies in memory and persists
 * nothing. One lock guards all state; events are published after the lock is released.
 */
package org.hearthmail.mailstore.store.memory;
