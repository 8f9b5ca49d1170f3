package org.hearthmail.mailstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * DELETE and RENAME of mailboxes (RFC 3501 §6.3.4, §6.3.5), the same for every {@link MailStore}.
 * Subclasses only say how to make a fresh, empty store.
 */
public abstract class MailboxLifecycleContract extends MailStoreContract {

    private Mailbox role(MailboxRole r) {
        return store.mailbox(alice.id(), r).orElseThrow();
    }

    private List<String> names() {
        return store.mailboxes(alice.id()).stream().map(Mailbox::name).toList();
    }

    @Test
    void inboxCannotBeDeleted() {
        long inbox = inbox(alice).id();
        assertThatThrownBy(() -> store.deleteMailbox(inbox)).isInstanceOf(ConflictException.class);
        assertThat(store.mailboxById(inbox)).isPresent();
        assertThatThrownBy(() -> store.deleteMailbox(987654L)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteRemovesTheMailboxItsMessagesAndTheirQuotaUsage() throws IOException {
        Mailbox lists = store.createMailbox(alice.id(), "Lists", MailboxRole.NONE);
        store.append(lists.id(), Set.of(), java.time.Instant.now(), body("0123456789"));
        store.deliver(List.of("alice@example.test"), body("abc"));
        store.copy(inbox(alice).id(), List.of(1L), lists.id());
        assertThat(store.quota(alice.id()).usedBytes()).isEqualTo(16);

        store.deleteMailbox(lists.id());

        assertThat(store.mailboxById(lists.id())).isEmpty();
        assertThat(store.mailbox(alice.id(), "Lists")).isEmpty();
        assertThat(store.messages(lists.id())).isEmpty();
        assertThat(store.quota(alice.id()).usedBytes()).isEqualTo(3);
        // The body shared with INBOX's copy is still readable.
        assertThat(read(store.message(inbox(alice).id(), 1).orElseThrow())).isEqualTo("abc");
    }

    @Test
    void aRecreatedNameGetsANewIdAndADifferentUidValidity() {
        Mailbox first = store.createMailbox(alice.id(), "Projects", MailboxRole.NONE);
        store.deleteMailbox(first.id());
        Mailbox again = store.createMailbox(alice.id(), "Projects", MailboxRole.NONE);
        // RFC 3501 §2.3.1.1: UIDVALIDITY of a re-created name must differ (we make it greater).
        assertThat(again.uidValidity()).isGreaterThan(first.uidValidity());
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.uidNext()).isEqualTo(1);
    }

    @Test
    void deletingAParentLeavesItsChildren() {
        Mailbox parent = store.createMailbox(alice.id(), "Work", MailboxRole.NONE);
        Mailbox child = store.createMailbox(alice.id(), "Work/2024", MailboxRole.NONE);
        store.deleteMailbox(parent.id());
        assertThat(store.mailboxById(child.id())).isPresent();
        assertThat(names()).contains("Work/2024").doesNotContain("Work");
    }

    @Test
    void deletedSpecialUseRoleCanBeTakenAgain() {
        store.deleteMailbox(role(MailboxRole.JUNK).id());
        assertThat(store.mailbox(alice.id(), MailboxRole.JUNK)).isEmpty();
        Mailbox spam = store.createMailbox(alice.id(), "Spam", MailboxRole.JUNK);
        assertThat(store.mailbox(alice.id(), MailboxRole.JUNK)).contains(spam);
    }

    @Test
    void renameKeepsIdUidValidityMessagesAndSpecialUseRole() throws IOException {
        Mailbox sent = role(MailboxRole.SENT);
        store.append(sent.id(), Set.of(Flags.SEEN), java.time.Instant.now(), body("sent mail"));
        Mailbox renamed = store.renameMailbox(sent.id(), "Sent Items");
        assertThat(renamed.id()).isEqualTo(sent.id());
        assertThat(renamed.name()).isEqualTo("Sent Items");
        assertThat(renamed.role()).isEqualTo(MailboxRole.SENT);
        assertThat(renamed.uidValidity()).isEqualTo(sent.uidValidity());
        assertThat(store.mailbox(alice.id(), MailboxRole.SENT).orElseThrow().name()).isEqualTo("Sent Items");
        assertThat(store.mailbox(alice.id(), "Sent")).isEmpty();
        assertThat(read(store.messages(sent.id()).get(0))).isEqualTo("sent mail");
    }

    @Test
    void childrenMoveWithTheirParent() {
        Mailbox work = store.createMailbox(alice.id(), "Work", MailboxRole.NONE);
        Mailbox a = store.createMailbox(alice.id(), "Work/a", MailboxRole.NONE);
        Mailbox ab = store.createMailbox(alice.id(), "Work/a/b", MailboxRole.NONE);
        Mailbox other = store.createMailbox(alice.id(), "Workshop", MailboxRole.NONE);
        store.renameMailbox(work.id(), "Job");
        assertThat(store.mailboxById(a.id()).orElseThrow().name()).isEqualTo("Job/a");
        assertThat(store.mailboxById(ab.id()).orElseThrow().name()).isEqualTo("Job/a/b");
        assertThat(store.mailboxById(other.id()).orElseThrow().name()).isEqualTo("Workshop");
        assertThat(names()).doesNotContain("Work", "Work/a", "Work/a/b");
    }

    @Test
    void renameToAnExistingNameInboxOrBelowItselfIsRefusedAndChangesNothing() {
        Mailbox work = store.createMailbox(alice.id(), "Work", MailboxRole.NONE);
        store.createMailbox(alice.id(), "Work/x", MailboxRole.NONE);
        store.createMailbox(alice.id(), "Job/x", MailboxRole.NONE);
        List<String> before = names();
        assertThatThrownBy(() -> store.renameMailbox(work.id(), "Trash")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.renameMailbox(work.id(), "inbox")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.renameMailbox(work.id(), "Work/deeper")).isInstanceOf(ConflictException.class);
        // A child's new name ("Job/x") is taken: nothing is renamed.
        assertThatThrownBy(() -> store.renameMailbox(work.id(), "Job")).isInstanceOf(ConflictException.class);
        assertThat(names()).isEqualTo(before);
        assertThatThrownBy(() -> store.renameMailbox(987654L, "Elsewhere")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void renamingInboxMovesItsMessagesToANewMailboxAndLeavesInboxEmpty() throws IOException {
        Mailbox inbox = inbox(alice);
        Mailbox inboxChild = store.createMailbox(alice.id(), "INBOX/kept", MailboxRole.NONE);
        store.deliver(List.of("alice@example.test"), body("one"));
        store.deliver(List.of("alice@example.test"), body("two"));
        store.setFlags(inbox.id(), 2, Set.of(Flags.FLAGGED));

        Mailbox old = store.renameMailbox(inbox.id(), "Old Inbox");

        assertThat(old.id()).isNotEqualTo(inbox.id());
        assertThat(old.role()).isEqualTo(MailboxRole.NONE);
        assertThat(old.uidValidity()).isNotEqualTo(inbox.uidValidity());
        assertThat(store.messages(old.id())).extracting(MessageMeta::uid).containsExactly(1L, 2L);
        assertThat(store.message(old.id(), 2).orElseThrow().flags()).containsExactly(Flags.FLAGGED);
        assertThat(read(store.message(old.id(), 1).orElseThrow())).isEqualTo("one");

        Mailbox after = inbox(alice);
        assertThat(after.id()).isEqualTo(inbox.id());
        assertThat(after.name()).isEqualTo("INBOX");
        assertThat(after.uidValidity()).isEqualTo(inbox.uidValidity());
        assertThat(store.messages(after.id())).isEmpty();
        assertThat(store.expungedSince(after.id(), 0)).containsExactly(1L, 2L);
        assertThat(store.mailboxById(inboxChild.id()).orElseThrow().name()).isEqualTo("INBOX/kept");
        // UIDs of INBOX are never reused, and the quota counts the moved messages once.
        store.deliver(List.of("alice@example.test"), body("three"));
        assertThat(store.messages(after.id())).extracting(MessageMeta::uid).containsExactly(3L);
        assertThat(store.quota(alice.id()).usedBytes()).isEqualTo(11);
        // Allowed again later: another rename of INBOX.
        assertThat(store.messages(store.renameMailbox(after.id(), "Older").id())).hasSize(1);
    }

    @Test
    void deleteAndRenameArePublishedAsEvents() throws Exception {
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        Mailbox work = store.createMailbox(alice.id(), "Work", MailboxRole.NONE);
        Mailbox child = store.createMailbox(alice.id(), "Work/a", MailboxRole.NONE);
        try (AutoCloseable sub = store.subscribe(seen::add)) {
            store.renameMailbox(work.id(), "Job");
            store.deleteMailbox(child.id());
        }
        assertThat(seen).containsExactly(
                new StoreEvent.MailboxRenamed(alice.id(), work.id(), "Work", "Job"),
                new StoreEvent.MailboxRenamed(alice.id(), child.id(), "Work/a", "Job/a"),
                new StoreEvent.MailboxDeleted(alice.id(), child.id(), "Job/a"));
    }
}
