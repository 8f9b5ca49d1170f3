/** The running relay: the listeners its configuration asks for. {@code edge-relay run} is a thin shell around it. */
package org.hearthmail.relay.service;
