package org.hearthmail.mailstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MailStore} implementation must show. Subclasses only say how to
 * make a fresh, empty store.
 */
public abstract class MailStoreContract {

    protected MailStore store;
    protected User alice;

    /** A fresh empty store with these options; the subclass closes it after the test. */
    protected abstract MailStore newStore(StoreOptions options) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = newStore(StoreOptions.defaults());
        store.addDomain("example.test");
        alice = store.addUser("alice@example.test", null, 0);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    protected static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    protected String read(MessageMeta m) throws IOException {
        try (InputStream in = store.openBody(m)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    protected Mailbox inbox(User u) {
        return store.mailbox(u.id(), MailboxRole.INBOX).orElseThrow();
    }

    // ---- accounts -------------------------------------------------------------------------

    @Test
    void newUserGetsInboxAndTheFiveSpecialUseMailboxes() {
        List<Mailbox> boxes = store.mailboxes(alice.id());
        assertThat(boxes).extracting(Mailbox::role).containsExactly(MailboxRole.INBOX, MailboxRole.SENT,
                MailboxRole.DRAFTS, MailboxRole.TRASH, MailboxRole.JUNK, MailboxRole.ARCHIVE);
        assertThat(boxes).extracting(Mailbox::name).containsExactly("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        assertThat(boxes).allSatisfy(b -> {
            assertThat(b.uidNext()).isEqualTo(1);
            assertThat(b.uidValidity()).isPositive();
        });
        assertThat(boxes).extracting(Mailbox::uidValidity).doesNotHaveDuplicates();
        assertThat(store.mailbox(alice.id(), MailboxRole.SENT).orElseThrow().role().specialUseAttribute())
                .contains("\\Sent");
    }

    @Test
    void userAddressesAreCaseInsensitiveAndUnique() {
        assertThat(store.user("ALICE@Example.TEST")).contains(alice);
        assertThatThrownBy(() -> store.addUser("Alice@example.test", null, 0)).isInstanceOf(ConflictException.class);
    }

    @Test
    void usersOnlyInHostedDomains() {
        assertThatThrownBy(() -> store.addUser("bob@elsewhere.test", null, 0)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("elsewhere.test");
        assertThatThrownBy(() -> store.addDomain("EXAMPLE.test")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aliasAndUserCannotShareAnAddress() {
        store.addAlias("info@example.test", alice.id());
        assertThatThrownBy(() -> store.addUser("info@example.test", null, 0)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.addAlias("alice@example.test", alice.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.addAlias("info@example.test", alice.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void passwordHashIsStoredAndReplaced() {
        assertThat(store.passwordHash(alice.id())).isEmpty();
        store.setPasswordHash(alice.id(), "$argon2id$x");
        assertThat(store.passwordHash(alice.id())).contains("$argon2id$x");
    }

    @Test
    void revokedAppPasswordsAreNoLongerListed() {
        AppPassword phone = store.addAppPassword(alice.id(), "phone", "$sha256$a");
        AppPassword laptop = store.addAppPassword(alice.id(), "laptop", "$sha256$b");
        assertThat(store.appPasswords(alice.id())).extracting(AppPassword::label).containsExactly("phone", "laptop");
        assertThat(store.revokeAppPassword(alice.id(), phone.id())).isTrue();
        assertThat(store.revokeAppPassword(alice.id(), phone.id())).isFalse();
        assertThat(store.appPasswords(alice.id())).containsExactly(laptop);
    }

    // ---- removal ----------------------------------------------------------------------------

    @Test
    void removedUserTakesMailboxesAliasesAppPasswordsAndQuotaWithIt() throws IOException {
        store.addAlias("info@example.test", alice.id());
        store.addAlias("@example.test", alice.id());
        store.addAppPassword(alice.id(), "phone", "$sha256$a");
        store.deliver(List.of("alice@example.test"), body("hello"));
        long oldInbox = inbox(alice).id();

        store.removeUser(alice.id());

        assertThat(store.user("alice@example.test")).isEmpty();
        assertThat(store.user(alice.id())).isEmpty();
        assertThat(store.aliases()).isEmpty();
        assertThat(store.mailboxes(alice.id())).isEmpty();
        assertThat(store.mailboxById(oldInbox)).isEmpty();
        assertThat(store.appPasswords(alice.id())).isEmpty();
        assertThatThrownBy(() -> store.quota(alice.id())).isInstanceOf(NotFoundException.class);
        assertThat(store.resolveRecipient("alice@example.test")).isInstanceOf(Resolution.Unknown.class);
        assertThat(store.resolveRecipient("info@example.test")).isInstanceOf(Resolution.Unknown.class);
        assertThatThrownBy(() -> store.removeUser(alice.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRemovedAddressCanBeCreatedAgainAndStartsEmptyWithNewIds() throws IOException {
        store.deliver(List.of("alice@example.test"), body("old mail"));
        long oldInbox = store.mailboxes(alice.id()).stream().mapToLong(Mailbox::id).max().orElseThrow();
        store.removeUser(alice.id());
        User again = store.addUser("alice@example.test", null, 0);
        // Ids are never reused: another process may still hold the old ones (an open IMAP session).
        assertThat(again.id()).isGreaterThan(alice.id());
        assertThat(store.mailboxes(again.id())).extracting(Mailbox::id).allSatisfy(id -> assertThat(id).isGreaterThan(oldInbox));
        assertThat(store.messages(inbox(again).id())).isEmpty();
        assertThat(store.quota(again.id()).usedBytes()).isZero();
    }

    @Test
    void removingOneRecipientKeepsTheSharedBodyOfTheOther() throws IOException {
        User bob = store.addUser("bob@example.test", null, 0);
        store.deliver(List.of("alice@example.test", "bob@example.test"), body("shared body"));
        store.removeUser(alice.id());
        List<MessageMeta> bobs = store.messages(inbox(bob).id());
        assertThat(bobs).hasSize(1);
        assertThat(read(bobs.get(0))).isEqualTo("shared body");
    }

    @Test
    void domainIsRemovedOnlyWhenItHasNoUsersOrAliases() {
        store.addDomain("other.test");
        User bob = store.addUser("bob@other.test", null, 0);
        store.addAlias("info@other.test", alice.id());
        assertThatThrownBy(() -> store.removeDomain("other.test")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 user(s) and 1 alias(es)");
        store.removeUser(bob.id());
        assertThat(store.removeAlias("INFO@other.test")).isTrue();
        store.removeDomain("Other.Test.");
        assertThat(store.domain("other.test")).isEmpty();
        assertThat(store.domains()).extracting(Domain::name).containsExactly("example.test");
        assertThatThrownBy(() -> store.removeDomain("other.test")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void removeAliasReportsWhetherItExisted() {
        store.addAlias("@example.test", alice.id());
        store.addAlias("info@example.test", alice.id());
        assertThat(store.removeAlias("@example.test")).isTrue();
        assertThat(store.removeAlias("@example.test")).isFalse();
        assertThat(store.removeAlias("nobody@nowhere.test")).isFalse();
        assertThat(store.aliases()).extracting(Alias::source).containsExactly("info@example.test");
        assertThat(store.resolveRecipient("random@example.test")).isInstanceOf(Resolution.Unknown.class);
    }

    // ---- recipient resolution ---------------------------------------------------------------

    @Test
    void resolvesExactAddressToTheUsersInbox() {
        Resolution r = store.resolveRecipient("<Alice@EXAMPLE.test>");
        assertThat(r).isInstanceOfSatisfying(Resolution.Resolved.class, ok -> {
            assertThat(ok.user()).isEqualTo(alice);
            assertThat(ok.mailbox().role()).isEqualTo(MailboxRole.INBOX);
        });
    }

    @Test
    void plusAddressResolvesToTheUser() {
        assertThat(store.resolveRecipient("alice+lists@example.test"))
                .isInstanceOfSatisfying(Resolution.Resolved.class, ok -> assertThat(ok.user()).isEqualTo(alice));
    }

    @Test
    void subAddressSeparatorIsConfigurable() throws Exception {
        try (MailStore dash = newStore(StoreOptions.defaults().withSeparator("-"))) {
            dash.addDomain("example.test");
            User a = dash.addUser("alice@example.test", null, 0);
            assertThat(dash.resolveRecipient("alice-news@example.test")).isInstanceOf(Resolution.Resolved.class);
            assertThat(dash.resolveRecipient("alice+news@example.test")).isInstanceOf(Resolution.Unknown.class);
            assertThat(a).isNotNull();
        }
    }

    private static long deliveredTo(MailStore s, String rcpt, MailboxRole target) throws IOException {
        var r = s.deliver(List.of(rcpt), target, body("Subject: f\r\n\r\nx\r\n"));
        assertThat(r.outcomes()).singleElement().isInstanceOf(RecipientOutcome.Delivered.class);
        return ((RecipientOutcome.Delivered) r.outcomes().get(0)).mailboxId();
    }

    @Test
    void withFolderDeliveryAPlusAddressGoesIntoTheMailboxItNamesWhateverTheCase() throws Exception {
        try (MailStore s = newStore(StoreOptions.defaults().withFolderDelivery(true))) {
            s.addDomain("example.test");
            User a = s.addUser("alice@example.test", null, 0);
            Mailbox lists = s.createMailbox(a.id(), "Lists", MailboxRole.NONE);
            long inbox = s.mailbox(a.id(), MailboxRole.INBOX).orElseThrow().id();
            long junk = s.mailbox(a.id(), MailboxRole.JUNK).orElseGet(() -> s.createMailbox(a.id(), "Junk", MailboxRole.JUNK)).id();
            assertThat(deliveredTo(s, "alice+Lists@example.test", MailboxRole.INBOX)).isEqualTo(lists.id());
            assertThat(deliveredTo(s, "alice+lists@example.test", MailboxRole.INBOX)).isEqualTo(lists.id());
            assertThat(deliveredTo(s, "alice+nosuch@example.test", MailboxRole.INBOX)).as("no such mailbox").isEqualTo(inbox);
            assertThat(deliveredTo(s, "alice+Lists@example.test", MailboxRole.JUNK)).as("the junk verdict wins").isEqualTo(junk);
        }
    }

    @Test
    void withoutFolderDeliveryOrWhenUserPlusTagIsItselfAnAddressTheTagNamesNoFolder() throws Exception {
        store.createMailbox(alice.id(), "Lists", MailboxRole.NONE);
        assertThat(deliveredTo(store, "alice+lists@example.test", MailboxRole.INBOX)).isEqualTo(inbox(alice).id());
        try (MailStore s = newStore(StoreOptions.defaults().withFolderDelivery(true))) {
            s.addDomain("example.test");
            User a = s.addUser("alice@example.test", null, 0);
            s.createMailbox(a.id(), "Lists", MailboxRole.NONE);
            User other = s.addUser("bob@example.test", null, 0);
            s.addAlias("alice+lists@example.test", other.id());
            long otherInbox = s.mailbox(other.id(), MailboxRole.INBOX).orElseThrow().id();
            assertThat(deliveredTo(s, "alice+lists@example.test", MailboxRole.INBOX)).isEqualTo(otherInbox);
        }
    }

    @Test
    void aliasAndPlusAddressedAliasResolveToTarget() {
        store.addAlias("postmaster@example.test", alice.id());
        assertThat(store.resolveRecipient("postmaster@example.test")).isInstanceOf(Resolution.Resolved.class);
        assertThat(store.resolveRecipient("postmaster+x@example.test"))
                .isInstanceOfSatisfying(Resolution.Resolved.class, ok -> assertThat(ok.user()).isEqualTo(alice));
    }

    @Test
    void unknownAddressIsUnknownUntilACatchAllExists() {
        User bob = store.addUser("bob@example.test", null, 0);
        assertThat(store.resolveRecipient("nobody@example.test")).isInstanceOf(Resolution.Unknown.class);
        store.addAlias("@example.test", bob.id());
        assertThat(store.resolveRecipient("nobody@example.test"))
                .isInstanceOfSatisfying(Resolution.Resolved.class, ok -> assertThat(ok.user()).isEqualTo(bob));
        // an existing user still wins over the catch-all
        assertThat(store.resolveRecipient("alice@example.test"))
                .isInstanceOfSatisfying(Resolution.Resolved.class, ok -> assertThat(ok.user()).isEqualTo(alice));
    }

    @Test
    void foreignDomainsAndGarbageAreUnknown() {
        assertThat(store.resolveRecipient("alice@other.test")).isInstanceOf(Resolution.Unknown.class);
        assertThat(store.resolveRecipient("no-at-sign")).isInstanceOf(Resolution.Unknown.class);
        assertThat(store.resolveRecipient("a b@example.test")).isInstanceOf(Resolution.Unknown.class);
    }

    @Test
    void fullMailboxResolvesAsOverQuota() throws IOException {
        store.setQuotaLimit(alice.id(), 10);
        store.deliver(List.of("alice@example.test"), body("0123456789"));
        assertThat(store.quota(alice.id()).usedBytes()).isEqualTo(10);
        assertThat(store.resolveRecipient("alice@example.test")).isInstanceOf(Resolution.OverQuota.class);
    }

    // ---- delivery ---------------------------------------------------------------------------

    @Test
    void deliveryToSeveralRecipientsStoresTheBodyForEach() throws IOException {
        User bob = store.addUser("bob@example.test", null, 0);
        DeliveryResult r = store.deliver(List.of("alice@example.test", "bob+x@example.test", "ghost@example.test"),
                body("Subject: hi\r\n\r\nhello\r\n"));
        assertThat(r.size()).isEqualTo(22);
        assertThat(r.outcomes()).hasSize(3);
        assertThat(r.outcomes().get(0)).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(r.outcomes().get(1)).isInstanceOfSatisfying(RecipientOutcome.Delivered.class,
                d -> assertThat(d.userId()).isEqualTo(bob.id()));
        assertThat(r.outcomes().get(2)).isInstanceOfSatisfying(RecipientOutcome.NotDelivered.class,
                n -> assertThat(n.reason()).isInstanceOf(Resolution.Unknown.class));
        for (User u : List.of(alice, bob)) {
            List<MessageMeta> msgs = store.messages(inbox(u).id());
            assertThat(msgs).hasSize(1);
            assertThat(msgs.get(0).uid()).isEqualTo(1);
            assertThat(msgs.get(0).size()).isEqualTo(22);
            assertThat(read(msgs.get(0))).isEqualTo("Subject: hi\r\n\r\nhello\r\n");
            assertThat(store.quota(u.id()).usedBytes()).isEqualTo(22);
        }
    }

    @Test
    void twoAddressesOfOneUserGetOneCopy() throws IOException {
        store.addAlias("me@example.test", alice.id());
        DeliveryResult r = store.deliver(List.of("alice@example.test", "me@example.test"), body("x"));
        assertThat(r.delivered()).hasSize(2).extracting(RecipientOutcome.Delivered::uid).containsOnly(1L);
        assertThat(store.messages(inbox(alice).id())).hasSize(1);
        assertThat(store.quota(alice.id()).usedBytes()).isEqualTo(1);
    }

    @Test
    void recipientWhoseQuotaTheMessageWouldExceedIsRefusedOthersGetIt() throws IOException {
        User bob = store.addUser("bob@example.test", null, 5);
        DeliveryResult r = store.deliver(List.of("bob@example.test", "alice@example.test"), body("123456"));
        assertThat(r.outcomes().get(0)).isInstanceOfSatisfying(RecipientOutcome.NotDelivered.class,
                n -> assertThat(n.reason()).isInstanceOf(Resolution.OverQuota.class));
        assertThat(r.outcomes().get(1)).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(store.messages(inbox(bob).id())).isEmpty();
        assertThat(store.quota(bob.id()).usedBytes()).isZero();
    }

    @Test
    void deliveryWithATargetRoleGoesToThatMailbox() throws IOException {
        DeliveryResult r = store.deliver(List.of("alice@example.test"), MailboxRole.JUNK, body("spam"));
        long junk = store.mailbox(alice.id(), MailboxRole.JUNK).orElseThrow().id();
        assertThat(r.delivered()).singleElement().satisfies(d -> assertThat(d.mailboxId()).isEqualTo(junk));
        assertThat(store.messages(junk)).hasSize(1);
        assertThat(store.messages(inbox(alice).id())).isEmpty();
    }

    @Test
    void deliveryToNobodyStoresNothing() throws IOException {
        DeliveryResult r = store.deliver(List.of("ghost@example.test"), body("x"));
        assertThat(r.anyDelivered()).isFalse();
    }

    @Test
    void uidsIncreaseAndAreNeverReusedAfterExpunge() throws IOException {
        long box = inbox(alice).id();
        for (int i = 0; i < 3; i++) {
            store.deliver(List.of("alice@example.test"), body("m" + i));
        }
        assertThat(store.expunge(box, List.of(3L, 2L, 99L))).containsExactly(2L, 3L);
        DeliveryResult r = store.deliver(List.of("alice@example.test"), body("m3"));
        assertThat(r.delivered().get(0).uid()).isEqualTo(4);
        assertThat(store.messages(box)).extracting(MessageMeta::uid).containsExactly(1L, 4L);
        assertThat(store.mailboxById(box).orElseThrow().uidNext()).isEqualTo(5);
        assertThat(store.quota(alice.id()).usedBytes()).isEqualTo(4);
    }

    @Test
    void everyChangeRaisesModSeq() throws IOException {
        long box = inbox(alice).id();
        store.deliver(List.of("alice@example.test"), body("a"));
        long afterAdd = store.mailboxById(box).orElseThrow().highestModSeq();
        MessageMeta flagged = store.setFlags(box, 1, Set.of(Flags.SEEN, "$Important"));
        assertThat(flagged.modSeq()).isGreaterThan(afterAdd);
        assertThat(store.message(box, 1).orElseThrow().flags()).containsExactly("$Important", "\\Seen");
        assertThat(store.mailboxById(box).orElseThrow().highestModSeq()).isEqualTo(flagged.modSeq());
        store.expunge(box, List.of(1L));
        assertThat(store.mailboxById(box).orElseThrow().highestModSeq()).isGreaterThan(flagged.modSeq());
    }

    @Test
    void batchSetFlagsGivesEachMessageItsOwnRisingModSeqInOneCallAndSkipsMissingUids() throws IOException {
        long box = inbox(alice).id();
        for (int i = 0; i < 4; i++) {
            store.deliver(List.of("alice@example.test"), body("m" + i));
        }
        store.expunge(box, List.of(3L));
        long before = store.mailboxById(box).orElseThrow().highestModSeq();
        java.util.SortedMap<Long, Set<String>> changes = new java.util.TreeMap<>();
        changes.put(4L, Set.of(Flags.FLAGGED));
        changes.put(1L, Set.of(Flags.SEEN, "$Work"));
        changes.put(3L, Set.of(Flags.SEEN)); // expunged: skipped
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        List<MessageMeta> changed;
        try (AutoCloseable sub = store.subscribe(seen::add)) {
            changed = store.setFlags(box, changes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(changed).extracting(MessageMeta::uid).containsExactly(1L, 4L);
        // RFC 7162 §3.1.1: every changed message gets a mod-sequence above all before, ascending by UID.
        assertThat(changed).extracting(MessageMeta::modSeq).containsExactly(before + 1, before + 2);
        assertThat(store.mailboxById(box).orElseThrow().highestModSeq()).isEqualTo(before + 2);
        assertThat(store.message(box, 1).orElseThrow().flags()).containsExactly("$Work", Flags.SEEN);
        assertThat(store.message(box, 4).orElseThrow().flags()).containsExactly(Flags.FLAGGED);
        assertThat(store.message(box, 2).orElseThrow().flags()).isEmpty();
        assertThat(seen).containsExactly(
                new StoreEvent.FlagsChanged(alice.id(), box, 1, before + 1, Set.of("$Work", Flags.SEEN)),
                new StoreEvent.FlagsChanged(alice.id(), box, 4, before + 2, Set.of(Flags.FLAGGED)));
        assertThatThrownBy(() -> store.setFlags(9_999L, changes)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void summariesListWhatMessagesListsWithoutTheParseCaches() throws IOException {
        long box = inbox(alice).id();
        store.deliver(List.of("alice@example.test"), body("first"));
        store.deliver(List.of("alice@example.test"), body("second message"));
        store.setFlags(box, 2, Set.of(Flags.FLAGGED));
        store.cacheParse(box, 1, "(env)", "(bs)");
        List<MessageMeta> full = store.messages(box);
        List<MessageMeta> light = store.summaries(box);
        assertThat(light).hasSize(2).allSatisfy(m -> {
            assertThat(m.envelope()).isNull();
            assertThat(m.bodyStructure()).isNull();
        });
        for (int i = 0; i < 2; i++) {
            MessageMeta f = full.get(i);
            assertThat(light.get(i)).isEqualTo(new MessageMeta(f.mailboxId(), f.uid(), f.modSeq(), f.flags(),
                    f.internalDate(), f.size(), f.blob(), null, null));
        }
    }

    @Test
    void rowsStreamTheMessagesAboveAUidAsSummariesHaveThemAndTheHighestModSeqIfKnown() throws IOException {
        long box = inbox(alice).id();
        for (String text : List.of("first", "second message", "third")) {
            store.deliver(List.of("alice@example.test"), body(text));
        }
        store.setFlags(box, 3, Set.of(Flags.FLAGGED, "$Work"));
        store.expunge(box, List.of(1L));
        List<String> rows = new ArrayList<>();
        long highest = store.rows(box, 0, (uid, modSeq, flags, date, size, blob) ->
                rows.add(uid + " " + modSeq + " " + flags + " " + date + " " + size + " " + blob));
        assertThat(rows).containsExactlyElementsOf(store.summaries(box).stream()
                .map(m -> m.uid() + " " + m.modSeq() + " " + m.flags() + " " + m.internalDate().toEpochMilli() + " " + m.size()
                        + " " + m.blob())
                .toList());
        assertThat(highest).isIn(-1L, store.mailboxById(box).orElseThrow().highestModSeq());
        rows.clear();
        store.rows(box, 2, (uid, modSeq, flags, date, size, blob) -> rows.add(String.valueOf(uid)));
        assertThat(rows).containsExactly("3");
    }

    @Test
    void invalidFlagsAreRejected() throws IOException {
        long box = inbox(alice).id();
        store.deliver(List.of("alice@example.test"), body("a"));
        assertThatThrownBy(() -> store.setFlags(box, 1, Set.of("bad flag"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.setFlags(box, 7, Set.of())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void appendKeepsFlagsAndDateAndRespectsQuota() throws IOException {
        long sent = store.mailbox(alice.id(), MailboxRole.SENT).orElseThrow().id();
        Instant date = Instant.parse("2024-05-01T10:15:30.123Z");
        MessageMeta m = store.append(sent, Set.of(Flags.SEEN), date, body("sent mail"));
        assertThat(m.uid()).isEqualTo(1);
        assertThat(store.message(sent, 1)).hasValueSatisfying(x -> {
            assertThat(x.flags()).containsExactly(Flags.SEEN);
            assertThat(x.internalDate()).isEqualTo(date);
        });
        store.setQuotaLimit(alice.id(), 12);
        assertThatThrownBy(() -> store.append(sent, Set.of(), date, body("four")))
                .isInstanceOf(OverQuotaException.class);
        assertThat(store.messages(sent)).hasSize(1);
    }

    @Test
    void copyGivesNewUidsSharesTheBodyAndKeepsFlagsDateAndParseCache() throws IOException {
        long box = inbox(alice).id();
        long archive = store.mailbox(alice.id(), MailboxRole.ARCHIVE).orElseThrow().id();
        store.deliver(List.of("alice@example.test"), body("first"));
        store.deliver(List.of("alice@example.test"), body("second"));
        store.setFlags(box, 2, Set.of(Flags.FLAGGED));
        store.cacheParse(box, 2, "(env)", "(bs)");
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        List<CopiedMessage> copied;
        try (AutoCloseable sub = store.subscribe(seen::add)) {
            copied = store.copy(box, List.of(2L, 1L, 77L), archive);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(copied).extracting(CopiedMessage::sourceUid).containsExactly(1L, 2L);
        assertThat(copied).extracting(c -> c.copy().uid()).containsExactly(1L, 2L);
        MessageMeta second = store.message(archive, 2).orElseThrow();
        MessageMeta original = store.message(box, 2).orElseThrow();
        assertThat(second.flags()).containsExactly(Flags.FLAGGED);
        assertThat(second.internalDate()).isEqualTo(original.internalDate());
        assertThat(second.envelope()).isEqualTo("(env)");
        assertThat(second.bodyStructure()).isEqualTo("(bs)");
        assertThat(read(second)).isEqualTo("second");
        assertThat(seen).containsExactly(
                new StoreEvent.MessageAdded(alice.id(), archive, 1, copied.get(0).copy().modSeq()),
                new StoreEvent.MessageAdded(alice.id(), archive, 2, copied.get(1).copy().modSeq()));
        assertThat(store.quota(alice.id()).usedBytes()).isEqualTo(2 * ("first".length() + "second".length()));
        // Expunging the original leaves the copy's shared body readable.
        store.expunge(box, List.of(1L, 2L));
        assertThat(read(store.message(archive, 1).orElseThrow())).isEqualTo("first");
    }

    @Test
    void expungedUidsAreRememberedWithTheirModSeq() throws IOException {
        long box = inbox(alice).id();
        for (int i = 0; i < 4; i++) {
            store.deliver(List.of("alice@example.test"), body("m" + i));
        }
        long before = store.mailboxById(box).orElseThrow().highestModSeq();
        store.expunge(box, List.of(2L));
        long middle = store.mailboxById(box).orElseThrow().highestModSeq();
        store.expunge(box, List.of(4L, 1L));
        assertThat(store.expungedSince(box, 0)).containsExactly(1L, 2L, 4L);
        assertThat(store.expungedSince(box, before)).containsExactly(1L, 2L, 4L);
        assertThat(store.expungedSince(box, middle)).containsExactly(1L, 4L);
        assertThat(store.expungedSince(box, store.mailboxById(box).orElseThrow().highestModSeq())).isEmpty();
    }

    @Test
    void copyThatWouldExceedTheQuotaCopiesNothing() throws IOException {
        long box = inbox(alice).id();
        long archive = store.mailbox(alice.id(), MailboxRole.ARCHIVE).orElseThrow().id();
        store.deliver(List.of("alice@example.test"), body("0123456789"));
        store.setQuotaLimit(alice.id(), 15);
        assertThatThrownBy(() -> store.copy(box, List.of(1L), archive)).isInstanceOf(OverQuotaException.class);
        assertThat(store.messages(archive)).isEmpty();
        assertThatThrownBy(() -> store.copy(box, List.of(1L), 987654L)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void parseCacheRoundTrips() throws IOException {
        long box = inbox(alice).id();
        store.deliver(List.of("alice@example.test"), body("a"));
        assertThat(store.message(box, 1).orElseThrow().envelope()).isNull();
        store.cacheParse(box, 1, "(\"env\")", "(\"text\" \"plain\")");
        MessageMeta m = store.message(box, 1).orElseThrow();
        assertThat(m.envelope()).isEqualTo("(\"env\")");
        assertThat(m.bodyStructure()).isEqualTo("(\"text\" \"plain\")");
    }

    @Test
    void appendWithParseResultsKeepsThemAndItsEventSaysSo() throws Exception {
        long box = inbox(alice).id();
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        MessageMeta parsed;
        MessageMeta plain;
        try (AutoCloseable sub = store.subscribe(seen::add)) {
            parsed = store.append(box, Set.of(), Instant.now(), body("Subject: a\r\n\r\nx\r\n"), "(\"env\")",
                    "(\"text\" \"plain\")");
            plain = store.append(box, Set.of(), Instant.now(), body("Subject: b\r\n\r\ny\r\n"));
        }
        assertThat(parsed.envelope()).isEqualTo("(\"env\")");
        assertThat(store.message(box, parsed.uid()).orElseThrow().bodyStructure()).isEqualTo("(\"text\" \"plain\")");
        assertThat(store.message(box, plain.uid()).orElseThrow().envelope()).isNull();
        assertThat(store.summaries(box)).allSatisfy(m -> assertThat(m.envelope()).isNull());
        assertThat(seen).containsExactly(
                new StoreEvent.MessageAdded(alice.id(), box, parsed.uid(), parsed.modSeq(), true),
                new StoreEvent.MessageAdded(alice.id(), box, plain.uid(), plain.modSeq(), false));
        assertThat(store.quota(alice.id()).usedBytes()).isEqualTo(parsed.size() + plain.size());
    }

    @Test
    void mailboxNamesAndRolesAreUniquePerUserAndInboxIsCaseInsensitive() {
        Mailbox lists = store.createMailbox(alice.id(), "Lists", MailboxRole.NONE);
        assertThat(store.mailbox(alice.id(), "Lists")).contains(lists);
        assertThat(store.mailbox(alice.id(), "inbox").orElseThrow().role()).isEqualTo(MailboxRole.INBOX);
        assertThatThrownBy(() -> store.createMailbox(alice.id(), "Lists", MailboxRole.NONE))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.createMailbox(alice.id(), "Sent2", MailboxRole.SENT))
                .isInstanceOf(ConflictException.class);
        assertThat(lists.uidValidity()).isNotIn(store.mailboxes(alice.id()).stream()
                .filter(b -> b.id() != lists.id()).map(Mailbox::uidValidity).toList());
    }

    @Test
    void committedChangesArePublishedAsEvents() throws Exception {
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        long box = inbox(alice).id();
        try (AutoCloseable sub = store.subscribe(seen::add)) {
            store.deliver(List.of("alice@example.test"), body("a"));
            store.setFlags(box, 1, Set.of(Flags.SEEN));
            store.expunge(box, List.of(1L));
        }
        store.deliver(List.of("alice@example.test"), body("after unsubscribe"));
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isInstanceOfSatisfying(StoreEvent.MessageAdded.class,
                e -> assertThat(e.uid()).isEqualTo(1));
        assertThat(seen.get(1)).isInstanceOf(StoreEvent.FlagsChanged.class);
        assertThat(seen.get(2)).isInstanceOfSatisfying(StoreEvent.MessagesExpunged.class,
                e -> assertThat(e.uids()).containsExactly(1L));
    }

    @Test
    void concurrentDeliveriesGetDistinctGaplessIncreasingUids() throws Exception {
        int threads = 6;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> uids = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    long last = 0;
                    for (int i = 0; i < each; i++) {
                        DeliveryResult r = store.deliver(List.of("alice@example.test"), body("t" + tt + " m" + i));
                        long uid = r.delivered().get(0).uid();
                        // each thread sees its own deliveries in strictly increasing UID order
                        assertThat(uid).isGreaterThan(last);
                        last = uid;
                        uids.add(uid);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int n = threads * each;
        assertThat(uids).hasSize(n).doesNotHaveDuplicates();
        assertThat(uids).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, n).boxed().toList());
        assertThat(store.messages(inbox(alice).id())).extracting(MessageMeta::uid).isSorted().hasSize(n);
        assertThat(inbox(alice).uidNext()).isEqualTo(n + 1);
    }
}
