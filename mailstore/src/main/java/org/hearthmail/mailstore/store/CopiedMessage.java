package org.hearthmail.mailstore.store;

/**
 * One message copied by {@link MessageStore#copy}: the UID it had in the source mailbox and the new
 * message in the target (RFC 4315 §3 COPYUID pairs them up).
 */
public record CopiedMessage(long sourceUid, MessageMeta copy) {
}
