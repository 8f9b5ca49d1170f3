/**
 * The running mailstore: opens the store once (sweeping what a crash left behind) and starts the
 * listeners its configuration asks for. {@code mailstore run} is a thin shell around it.
 */
package org.hearthmail.mailstore.service;
