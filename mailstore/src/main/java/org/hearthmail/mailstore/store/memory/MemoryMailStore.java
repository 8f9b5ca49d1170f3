package org.hearthmail.mailstore.store.memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.hearthmail.mailstore.store.Alias;
import org.hearthmail.mailstore.store.AliasSource;
import org.hearthmail.mailstore.store.AppPassword;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.ConflictException;
import org.hearthmail.mailstore.store.CopiedMessage;
import org.hearthmail.mailstore.store.DeliveryResult;
import org.hearthmail.mailstore.store.Domain;
import org.hearthmail.mailstore.store.EventBus;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.InvalidAddressException;
import org.hearthmail.mailstore.store.MailAddress;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.NotFoundException;
import org.hearthmail.mailstore.store.OverQuotaException;
import org.hearthmail.mailstore.store.Quota;
import org.hearthmail.mailstore.store.RecipientOutcome;
import org.hearthmail.mailstore.store.RecipientResolver;
import org.hearthmail.mailstore.store.Resolution;
import org.hearthmail.mailstore.store.StoreEvent;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;

/**
 * A {@link MailStore} in memory, one lock around everything. It passes the same contract tests as
 * the SQLite store and exists for tests of the layers above; it keeps bodies in memory, so it is
 * not for production. Bodies and cached text still pass through the {@link StoreOptions#sealer()}.
 */
public final class MemoryMailStore implements MailStore {
    private final StoreOptions options;
    private final RecipientResolver resolver;
    private final EventBus bus = new EventBus();
    private final Object lock = new Object();

    private long nextId = 1;
    private long nextUidValidity;
    private final Map<String, Domain> domains = new TreeMap<>();
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, String> passwordHashes = new HashMap<>();
    private final Map<String, Alias> aliases = new TreeMap<>();
    private final Map<Long, AppPassword> appPasswords = new LinkedHashMap<>();
    private final Map<Long, Quota> quotas = new HashMap<>();
    private final Map<Long, Mailbox> mailboxes = new LinkedHashMap<>();
    private final Map<Long, TreeMap<Long, MessageMeta>> messages = new HashMap<>();
    private final Map<BlobId, byte[]> blobs = new HashMap<>();
    /** Per mailbox: expunged UID to the mod-sequence of its expunge. */
    private final Map<Long, TreeMap<Long, Long>> expunged = new HashMap<>();

    public MemoryMailStore(StoreOptions options) {
        this.options = options;
        this.resolver = options.resolver();
        this.nextUidValidity = Math.max(1, options.clock().instant().getEpochSecond() & 0xFFFF_FFFFL);
    }

    // ---- accounts -------------------------------------------------------------------------

    @Override
    public Domain addDomain(String name) {
        String n = MailAddress.normalizeDomain(name);
        synchronized (lock) {
            if (domains.containsKey(n)) {
                throw new ConflictException("domain " + n + " exists already");
            }
            Domain d = new Domain(nextId++, n);
            domains.put(n, d);
            return d;
        }
    }

    @Override
    public List<Domain> domains() {
        synchronized (lock) {
            return List.copyOf(domains.values());
        }
    }

    @Override
    public Optional<Domain> domain(String name) {
        String n = MailAddress.normalizeDomain(name);
        synchronized (lock) {
            return Optional.ofNullable(domains.get(n));
        }
    }

    @Override
    public void removeDomain(String name) {
        String n = MailAddress.normalizeDomain(name);
        synchronized (lock) {
            if (!domains.containsKey(n)) {
                throw new NotFoundException("domain " + n + " is not hosted here");
            }
            long u = users.values().stream().filter(x -> x.domain().equals(n)).count();
            long a = aliases.values().stream().filter(x -> x.domain().equals(n)).count();
            if (u > 0 || a > 0) {
                throw new ConflictException("domain " + n + " still has " + u + " user(s) and " + a
                        + " alias(es); remove them first");
            }
            domains.remove(n);
        }
    }

    @Override
    public User addUser(String address, String passwordHash, long quotaBytes) {
        MailAddress a = MailAddress.parse(address);
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quota must not be negative");
        }
        List<StoreEvent> events = new ArrayList<>();
        User u;
        synchronized (lock) {
            if (!domains.containsKey(a.domain())) {
                throw new NotFoundException("domain " + a.domain() + " is not hosted here");
            }
            if (aliases.containsKey(a.toString())) {
                throw new ConflictException(a + " is an alias already");
            }
            if (userByAddress(a.localPart(), a.domain()).isPresent()) {
                throw new ConflictException("user " + a + " exists already");
            }
            u = new User(nextId++, a.localPart(), a.domain());
            users.put(u.id(), u);
            if (passwordHash != null) {
                passwordHashes.put(u.id(), passwordHash);
            }
            quotas.put(u.id(), new Quota(u.id(), quotaBytes, 0));
            for (MailboxRole role : MailboxRole.DEFAULTS) {
                Mailbox m = newMailbox(u.id(), role.defaultName(), role);
                events.add(new StoreEvent.MailboxCreated(u.id(), m.id(), m.name()));
            }
        }
        bus.publish(events);
        return u;
    }

    @Override
    public Optional<User> user(String address) {
        MailAddress a = MailAddress.parse(address);
        synchronized (lock) {
            return userByAddress(a.localPart(), a.domain());
        }
    }

    @Override
    public Optional<User> user(long id) {
        synchronized (lock) {
            return Optional.ofNullable(users.get(id));
        }
    }

    @Override
    public List<User> users() {
        synchronized (lock) {
            return users.values().stream()
                    .sorted(java.util.Comparator.comparing(User::domain).thenComparing(User::localPart)).toList();
        }
    }

    @Override
    public void removeUser(long userId) {
        synchronized (lock) {
            requireUser(userId);
            users.remove(userId);
            passwordHashes.remove(userId);
            quotas.remove(userId);
            aliases.values().removeIf(a -> a.userId() == userId);
            appPasswords.values().removeIf(p -> p.userId() == userId);
            List<Long> boxes = mailboxes.values().stream().filter(m -> m.userId() == userId).map(Mailbox::id).toList();
            Set<BlobId> touched = new java.util.HashSet<>();
            for (Long id : boxes) {
                mailboxes.remove(id);
                TreeMap<Long, MessageMeta> gone = messages.remove(id);
                if (gone != null) {
                    gone.values().forEach(m -> touched.add(m.blob()));
                }
            }
            // Only bodies this user's messages used: a body being delivered right now is not referenced yet.
            messages.values().forEach(mm -> mm.values().forEach(m -> touched.remove(m.blob())));
            touched.forEach(blobs::remove);
        }
    }

    @Override
    public Alias addAlias(String source, long userId) {
        AliasSource s = AliasSource.parse(source);
        synchronized (lock) {
            if (!domains.containsKey(s.domain())) {
                throw new NotFoundException("domain " + s.domain() + " is not hosted here");
            }
            requireUser(userId);
            if (!s.catchAll() && userByAddress(s.localPart(), s.domain()).isPresent()) {
                throw new ConflictException(s + " is a user already");
            }
            if (aliases.containsKey(s.toString())) {
                throw new ConflictException("alias " + s + " exists already");
            }
            Alias alias = new Alias(nextId++, s.localPart(), s.domain(), userId);
            aliases.put(s.toString(), alias);
            return alias;
        }
    }

    @Override
    public List<Alias> aliases() {
        synchronized (lock) {
            return List.copyOf(aliases.values());
        }
    }

    @Override
    public boolean removeAlias(String source) {
        AliasSource s = AliasSource.parse(source);
        synchronized (lock) {
            return aliases.remove(s.toString()) != null;
        }
    }

    @Override
    public Optional<String> passwordHash(long userId) {
        synchronized (lock) {
            return Optional.ofNullable(passwordHashes.get(userId));
        }
    }

    @Override
    public void setPasswordHash(long userId, String passwordHash) {
        synchronized (lock) {
            requireUser(userId);
            passwordHashes.put(userId, passwordHash);
        }
    }

    @Override
    public AppPassword addAppPassword(long userId, String label, String hash) {
        synchronized (lock) {
            requireUser(userId);
            AppPassword p = new AppPassword(nextId++, userId, label, hash,
                    Instant.ofEpochSecond(options.clock().instant().getEpochSecond()));
            appPasswords.put(p.id(), p);
            return p;
        }
    }

    @Override
    public List<AppPassword> appPasswords(long userId) {
        synchronized (lock) {
            return appPasswords.values().stream().filter(p -> p.userId() == userId).toList();
        }
    }

    @Override
    public boolean revokeAppPassword(long userId, long appPasswordId) {
        synchronized (lock) {
            AppPassword p = appPasswords.get(appPasswordId);
            if (p == null || p.userId() != userId) {
                return false;
            }
            appPasswords.remove(appPasswordId);
            return true;
        }
    }

    @Override
    public Quota quota(long userId) {
        synchronized (lock) {
            Quota q = quotas.get(userId);
            if (q == null) {
                throw new NotFoundException("no user with id " + userId);
            }
            return q;
        }
    }

    @Override
    public void setQuotaLimit(long userId, long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("quota must not be negative");
        }
        synchronized (lock) {
            Quota q = quota(userId);
            quotas.put(userId, new Quota(userId, limitBytes, q.usedBytes()));
        }
    }

    // ---- mailboxes ------------------------------------------------------------------------

    @Override
    public List<Mailbox> mailboxes(long userId) {
        synchronized (lock) {
            return mailboxes.values().stream().filter(m -> m.userId() == userId).toList();
        }
    }

    @Override
    public Optional<Mailbox> mailbox(long userId, String name) {
        if (name.equalsIgnoreCase("INBOX")) {
            return mailbox(userId, MailboxRole.INBOX);
        }
        synchronized (lock) {
            return mailboxes.values().stream().filter(m -> m.userId() == userId && m.name().equals(name)).findFirst();
        }
    }

    @Override
    public Optional<Mailbox> mailbox(long userId, MailboxRole role) {
        synchronized (lock) {
            return mailboxes.values().stream().filter(m -> m.userId() == userId && m.role() == role).findFirst();
        }
    }

    @Override
    public Optional<Mailbox> mailboxById(long mailboxId) {
        synchronized (lock) {
            return Optional.ofNullable(mailboxes.get(mailboxId));
        }
    }

    @Override
    public Mailbox createMailbox(long userId, String name, MailboxRole role) {
        if (name.equalsIgnoreCase("INBOX") != (role == MailboxRole.INBOX)) {
            throw new IllegalArgumentException("RFC 3501 §5.1: only the INBOX role is named INBOX");
        }
        Mailbox m;
        synchronized (lock) {
            requireUser(userId);
            boolean taken = mailboxes.values().stream().anyMatch(x -> x.userId() == userId
                    && (x.name().equals(name) || (role != MailboxRole.NONE && x.role() == role)));
            if (taken) {
                throw new ConflictException("mailbox " + name + (role == MailboxRole.NONE ? "" : " or role " + role)
                        + " exists already");
            }
            m = newMailbox(userId, name, role);
        }
        bus.publish(List.of(new StoreEvent.MailboxCreated(userId, m.id(), m.name())));
        return m;
    }

    @Override
    public void deleteMailbox(long mailboxId) {
        StoreEvent event;
        synchronized (lock) {
            Mailbox m = mailboxes.get(mailboxId);
            if (m == null) {
                throw new NotFoundException("no mailbox with id " + mailboxId);
            }
            if (m.role() == MailboxRole.INBOX) {
                // RFC 3501 §6.3.4: it is an error to attempt to delete INBOX.
                throw new ConflictException("INBOX cannot be deleted");
            }
            mailboxes.remove(mailboxId);
            expunged.remove(mailboxId);
            TreeMap<Long, MessageMeta> gone = messages.remove(mailboxId);
            if (gone != null) {
                long bytes = gone.values().stream().mapToLong(MessageMeta::size).sum();
                Quota q = quotas.get(m.userId());
                quotas.put(m.userId(), new Quota(q.userId(), q.limitBytes(), Math.max(0, q.usedBytes() - bytes)));
                for (MessageMeta x : gone.values()) {
                    boolean referenced = messages.values().stream()
                            .anyMatch(mm -> mm.values().stream().anyMatch(y -> y.blob().equals(x.blob())));
                    if (!referenced) {
                        blobs.remove(x.blob());
                    }
                }
            }
            event = new StoreEvent.MailboxDeleted(m.userId(), mailboxId, m.name());
        }
        bus.publish(List.of(event));
    }

    @Override
    public Mailbox renameMailbox(long mailboxId, String newName) {
        List<StoreEvent> events = new ArrayList<>();
        Mailbox result;
        synchronized (lock) {
            Mailbox m = mailboxes.get(mailboxId);
            if (m == null) {
                throw new NotFoundException("no mailbox with id " + mailboxId);
            }
            requireFreeName(m.userId(), newName);
            if (m.role() == MailboxRole.INBOX) {
                result = renameInbox(m, newName, events);
            } else {
                String prefix = m.name() + HIERARCHY_DELIMITER;
                if (newName.startsWith(prefix)) {
                    throw new ConflictException("cannot move " + m.name() + " below itself");
                }
                List<Mailbox> children = mailboxes.values().stream().filter(b -> b.userId() == m.userId()
                        && b.name().startsWith(prefix) && b.role() != MailboxRole.INBOX).toList();
                for (Mailbox child : children) {
                    requireFreeName(m.userId(), newName + child.name().substring(m.name().length()));
                }
                result = withName(m, newName);
                events.add(new StoreEvent.MailboxRenamed(m.userId(), m.id(), m.name(), newName));
                for (Mailbox child : children) {
                    // RFC 3501 §6.3.5: inferior hierarchical names are renamed as well.
                    Mailbox moved = withName(child, newName + child.name().substring(m.name().length()));
                    events.add(new StoreEvent.MailboxRenamed(m.userId(), child.id(), child.name(), moved.name()));
                }
            }
        }
        bus.publish(events);
        return result;
    }

    /** RFC 3501 §6.3.5: INBOX's messages move (same UIDs) to a new mailbox; INBOX stays, empty. */
    private Mailbox renameInbox(Mailbox inbox, String newName, List<StoreEvent> events) {
        Mailbox created = newMailbox(inbox.userId(), newName, MailboxRole.NONE);
        events.add(new StoreEvent.MailboxCreated(inbox.userId(), created.id(), newName));
        TreeMap<Long, MessageMeta> moving = messages.remove(inbox.id());
        if (moving == null || moving.isEmpty()) {
            return created;
        }
        TreeMap<Long, MessageMeta> moved = new TreeMap<>();
        moving.values().forEach(x -> moved.put(x.uid(), new MessageMeta(created.id(), x.uid(), x.modSeq(), x.flags(),
                x.internalDate(), x.size(), x.blob(), x.envelope(), x.bodyStructure())));
        messages.put(created.id(), moved);
        Mailbox fresh = new Mailbox(created.id(), created.userId(), newName, MailboxRole.NONE, created.uidValidity(),
                inbox.uidNext(), inbox.highestModSeq());
        mailboxes.put(fresh.id(), fresh);
        long modSeq = bumpModSeq(inbox.id(), false);
        List<Long> uids = new ArrayList<>(moving.keySet());
        TreeMap<Long, Long> gone = expunged.computeIfAbsent(inbox.id(), k -> new TreeMap<>());
        uids.forEach(u -> gone.put(u, modSeq));
        events.add(new StoreEvent.MessagesExpunged(inbox.userId(), inbox.id(), uids, modSeq));
        return fresh;
    }

    private void requireFreeName(long userId, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("mailbox name must not be empty");
        }
        if (name.equalsIgnoreCase("INBOX")
                || mailboxes.values().stream().anyMatch(b -> b.userId() == userId && b.name().equals(name))) {
            // RFC 3501 §6.3.5: it is an error to rename to a name that exists.
            throw new ConflictException("mailbox " + name + " exists already");
        }
    }

    private Mailbox withName(Mailbox b, String name) {
        Mailbox n = new Mailbox(b.id(), b.userId(), name, b.role(), b.uidValidity(), b.uidNext(), b.highestModSeq());
        mailboxes.put(b.id(), n);
        return n;
    }

    // ---- messages -------------------------------------------------------------------------

    @Override
    public Resolution resolveRecipient(String address) {
        synchronized (lock) {
            return resolve(address);
        }
    }

    @Override
    public DeliveryResult deliver(List<String> recipients, MailboxRole target, InputStream body) throws IOException {
        BlobId blob = BlobId.random();
        long size = storeBody(blob, body);
        List<RecipientOutcome> outcomes = new ArrayList<>();
        List<StoreEvent> events = new ArrayList<>();
        synchronized (lock) {
            Instant now = options.clock().instant();
            Map<Long, Long> uidByMailbox = new HashMap<>();
            for (String rcpt : recipients) {
                Resolution r = resolve(rcpt);
                if (!(r instanceof Resolution.Resolved ok)) {
                    outcomes.add(new RecipientOutcome.NotDelivered(rcpt, r));
                    continue;
                }
                long mailboxId = target == MailboxRole.INBOX ? folderOrInbox(rcpt, ok)
                        : mailboxes.values().stream().filter(m -> m.userId() == ok.user().id() && m.role() == target)
                                .findFirst().orElse(ok.mailbox()).id();
                Long uid = uidByMailbox.get(mailboxId);
                if (uid == null) {
                    Quota q = quotas.get(ok.user().id());
                    if (q.wouldExceed(size)) {
                        outcomes.add(new RecipientOutcome.NotDelivered(rcpt, new Resolution.OverQuota(ok.user(), q)));
                        continue;
                    }
                    MessageMeta m = insert(mailboxId, Set.of(), now, size, blob);
                    uid = m.uid();
                    uidByMailbox.put(mailboxId, uid);
                    events.add(new StoreEvent.MessageAdded(ok.user().id(), mailboxId, m.uid(), m.modSeq()));
                }
                outcomes.add(new RecipientOutcome.Delivered(rcpt, ok.user().id(), mailboxId, uid));
            }
            if (uidByMailbox.isEmpty()) {
                blobs.remove(blob);
            }
        }
        bus.publish(events);
        return new DeliveryResult(size, outcomes);
    }

    @Override
    public MessageMeta append(long mailboxId, Set<String> flags, Instant internalDate, InputStream body)
            throws IOException {
        return append(mailboxId, flags, internalDate, body, null, null);
    }

    @Override
    public MessageMeta append(long mailboxId, Set<String> flags, Instant internalDate, InputStream body,
                              String envelope, String bodyStructure) throws IOException {
        Set<String> f = Flags.normalize(flags);
        BlobId blob = BlobId.random();
        long size = storeBody(blob, body);
        MessageMeta m;
        long userId;
        synchronized (lock) {
            Mailbox box = mailboxes.get(mailboxId);
            if (box == null) {
                blobs.remove(blob);
                throw new NotFoundException("no mailbox with id " + mailboxId);
            }
            userId = box.userId();
            Quota q = quotas.get(userId);
            if (q.wouldExceed(size)) {
                blobs.remove(blob);
                throw new OverQuotaException(q, size);
            }
            m = insert(mailboxId, f, Instant.ofEpochMilli(internalDate.toEpochMilli()), size, blob);
            if (envelope != null || bodyStructure != null) {
                messages.get(mailboxId).put(m.uid(), new MessageMeta(mailboxId, m.uid(), m.modSeq(), m.flags(),
                        m.internalDate(), size, blob, envelope == null ? null : options.sealer().sealText(userId, envelope),
                        bodyStructure == null ? null : options.sealer().sealText(userId, bodyStructure)));
                m = new MessageMeta(mailboxId, m.uid(), m.modSeq(), m.flags(), m.internalDate(), size, blob, envelope,
                        bodyStructure);
            }
        }
        bus.publish(List.of(new StoreEvent.MessageAdded(userId, mailboxId, m.uid(), m.modSeq(),
                envelope != null && bodyStructure != null)));
        return m;
    }

    @Override
    public List<MessageMeta> messages(long mailboxId) {
        synchronized (lock) {
            return messages.getOrDefault(mailboxId, new TreeMap<>()).values().stream().map(this::unsealed).toList();
        }
    }

    @Override
    public Optional<MessageMeta> message(long mailboxId, long uid) {
        synchronized (lock) {
            return Optional.ofNullable(messages.getOrDefault(mailboxId, new TreeMap<>()).get(uid)).map(this::unsealed);
        }
    }

    @Override
    public List<MessageMeta> summaries(long mailboxId) {
        return summaries(mailboxId, new org.hearthmail.mailstore.store.MessageFilter.Any());
    }

    @Override
    public List<MessageMeta> summaries(long mailboxId, org.hearthmail.mailstore.store.MessageFilter filter) {
        synchronized (lock) {
            return messages.getOrDefault(mailboxId, new TreeMap<>()).values().stream().map(MemoryMailStore::summary)
                    .filter(filter::test).toList();
        }
    }

    private static MessageMeta summary(MessageMeta m) {
        return new MessageMeta(m.mailboxId(), m.uid(), m.modSeq(), m.flags(), m.internalDate(), m.size(), m.blob(),
                null, null);
    }

    @Override
    public InputStream openBody(MessageMeta message) throws IOException {
        byte[] stored;
        synchronized (lock) {
            stored = blobs.get(message.blob());
        }
        if (stored == null) {
            throw new java.io.FileNotFoundException("message body " + message.blob() + " is gone");
        }
        return options.sealer().unsealing(message.blob(), new ByteArrayInputStream(stored));
    }

    @Override
    public byte[] bodyIfCached(MessageMeta message, int maxStored) throws IOException {
        byte[] stored;
        synchronized (lock) {
            stored = blobs.get(message.blob());
        }
        if (stored == null || stored.length > maxStored) {
            return null; // gone (openBody says so) or too long
        }
        try (InputStream in = options.sealer().unsealing(message.blob(), new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    @Override
    public MessageMeta setFlags(long mailboxId, long uid, Set<String> flags) {
        Set<String> f = Flags.normalize(flags);
        MessageMeta now;
        long userId;
        synchronized (lock) {
            MessageMeta old = messages.getOrDefault(mailboxId, new TreeMap<>()).get(uid);
            if (old == null) {
                throw new NotFoundException("no message with UID " + uid + " in mailbox " + mailboxId);
            }
            long modSeq = bumpModSeq(mailboxId, false);
            userId = mailboxes.get(mailboxId).userId();
            now = new MessageMeta(mailboxId, uid, modSeq, f, old.internalDate(), old.size(), old.blob(),
                    old.envelope(), old.bodyStructure());
            messages.get(mailboxId).put(uid, now);
        }
        bus.publish(List.of(new StoreEvent.FlagsChanged(userId, mailboxId, uid, now.modSeq(), f)));
        return unsealed(now);
    }

    @Override
    public List<MessageMeta> setFlags(long mailboxId, java.util.SortedMap<Long, Set<String>> flagsByUid) {
        List<MessageMeta> changed = new ArrayList<>();
        List<StoreEvent> events = new ArrayList<>();
        synchronized (lock) {
            Mailbox box = mailboxes.get(mailboxId);
            if (box == null) {
                throw new NotFoundException("no mailbox with id " + mailboxId);
            }
            TreeMap<Long, MessageMeta> msgs = messages.computeIfAbsent(mailboxId, k -> new TreeMap<>());
            for (var e : new TreeMap<>(flagsByUid).entrySet()) {
                MessageMeta old = msgs.get(e.getKey());
                if (old == null) {
                    continue;
                }
                Set<String> f = Flags.normalize(e.getValue());
                long modSeq = bumpModSeq(mailboxId, false);
                MessageMeta now = new MessageMeta(mailboxId, old.uid(), modSeq, f, old.internalDate(), old.size(),
                        old.blob(), old.envelope(), old.bodyStructure());
                msgs.put(old.uid(), now);
                changed.add(summary(now));
                events.add(new StoreEvent.FlagsChanged(box.userId(), mailboxId, old.uid(), modSeq, f));
            }
        }
        bus.publish(events);
        return changed;
    }

    @Override
    public List<Long> expunge(long mailboxId, Collection<Long> uids) {
        List<Long> removed = new ArrayList<>();
        StoreEvent event = null;
        synchronized (lock) {
            Mailbox box = mailboxes.get(mailboxId);
            if (box == null) {
                throw new NotFoundException("no mailbox with id " + mailboxId);
            }
            TreeMap<Long, MessageMeta> msgs = messages.computeIfAbsent(mailboxId, k -> new TreeMap<>());
            for (long uid : new TreeSet<>(uids)) {
                MessageMeta m = msgs.remove(uid);
                if (m != null) {
                    removed.add(uid);
                    Quota q = quotas.get(box.userId());
                    quotas.put(box.userId(), new Quota(q.userId(), q.limitBytes(), Math.max(0, q.usedBytes() - m.size())));
                    boolean referenced = messages.values().stream()
                            .anyMatch(mm -> mm.values().stream().anyMatch(x -> x.blob().equals(m.blob())));
                    if (!referenced) {
                        blobs.remove(m.blob());
                    }
                }
            }
            if (!removed.isEmpty()) {
                long modSeq = bumpModSeq(mailboxId, false);
                TreeMap<Long, Long> gone = expunged.computeIfAbsent(mailboxId, k -> new TreeMap<>());
                removed.forEach(u -> gone.put(u, modSeq));
                event = new StoreEvent.MessagesExpunged(box.userId(), mailboxId, removed, modSeq);
            }
        }
        if (event != null) {
            bus.publish(List.of(event));
        }
        return removed;
    }

    @Override
    public List<Long> expungedSince(long mailboxId, long modSeq) {
        synchronized (lock) {
            return expunged.getOrDefault(mailboxId, new TreeMap<>()).entrySet().stream()
                    .filter(e -> e.getValue() > modSeq).map(Map.Entry::getKey).toList();
        }
    }

    @Override
    public List<CopiedMessage> copy(long fromMailboxId, Collection<Long> uids, long toMailboxId) {
        List<CopiedMessage> out = new ArrayList<>();
        List<StoreEvent> events = new ArrayList<>();
        synchronized (lock) {
            Mailbox from = mailboxes.get(fromMailboxId);
            Mailbox to = mailboxes.get(toMailboxId);
            if (from == null || to == null) {
                throw new NotFoundException("no mailbox with id " + (from == null ? fromMailboxId : toMailboxId));
            }
            if (from.userId() != to.userId()) {
                throw new IllegalArgumentException("copies stay within one user's mailboxes");
            }
            TreeMap<Long, MessageMeta> src = messages.getOrDefault(fromMailboxId, new TreeMap<>());
            List<MessageMeta> picked = new TreeSet<>(uids).stream().map(src::get).filter(m -> m != null).toList();
            long total = picked.stream().mapToLong(MessageMeta::size).sum();
            Quota q = quotas.get(to.userId());
            if (q.wouldExceed(total)) {
                throw new OverQuotaException(q, total);
            }
            for (MessageMeta m : picked) {
                MessageMeta n = insert(toMailboxId, m.flags(), m.internalDate(), m.size(), m.blob());
                n = new MessageMeta(n.mailboxId(), n.uid(), n.modSeq(), n.flags(), n.internalDate(), n.size(),
                        n.blob(), m.envelope(), m.bodyStructure());
                messages.get(toMailboxId).put(n.uid(), n);
                out.add(new CopiedMessage(m.uid(), unsealed(n)));
                events.add(new StoreEvent.MessageAdded(to.userId(), toMailboxId, n.uid(), n.modSeq()));
            }
        }
        bus.publish(events);
        return out;
    }

    @Override
    public void cacheParse(long mailboxId, long uid, String envelope, String bodyStructure) {
        synchronized (lock) {
            MessageMeta old = messages.getOrDefault(mailboxId, new TreeMap<>()).get(uid);
            if (old == null) {
                throw new NotFoundException("no message with UID " + uid + " in mailbox " + mailboxId);
            }
            long userId = mailboxes.get(mailboxId).userId();
            messages.get(mailboxId).put(uid, new MessageMeta(mailboxId, uid, old.modSeq(), old.flags(),
                    old.internalDate(), old.size(), old.blob(),
                    envelope == null ? null : options.sealer().sealText(userId, envelope),
                    bodyStructure == null ? null : options.sealer().sealText(userId, bodyStructure)));
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<StoreEvent> listener) {
        return bus.subscribe(listener);
    }

    @Override
    public void close() {
        // nothing to release
    }

    // ---- internals (callers hold the lock) -------------------------------------------------

    private Resolution resolve(String address) {
        MailAddress a;
        try {
            a = MailAddress.parse(address);
        } catch (InvalidAddressException e) {
            return new Resolution.Unknown(address);
        }
        Optional<User> u = resolver.resolve(a, lookup());
        if (u.isEmpty()) {
            return new Resolution.Unknown(address);
        }
        Quota q = quotas.get(u.get().id());
        if (q.exhausted()) {
            return new Resolution.OverQuota(u.get(), q);
        }
        Mailbox inbox = mailboxes.values().stream()
                .filter(m -> m.userId() == u.get().id() && m.role() == MailboxRole.INBOX).findFirst().orElseThrow();
        return new Resolution.Resolved(u.get(), inbox);
    }

    /** As the SQLite store's folder delivery (RFC 5233 §2): the tag's mailbox if it exists, else INBOX. */
    private long folderOrInbox(String rcpt, Resolution.Resolved ok) {
        if (!options.folderDelivery()) {
            return ok.mailbox().id();
        }
        Optional<String> tag;
        try {
            tag = resolver.folderTag(MailAddress.parse(rcpt), lookup());
        } catch (InvalidAddressException e) {
            return ok.mailbox().id();
        }
        return tag.flatMap(t -> mailboxes.values().stream()
                        .filter(m -> m.userId() == ok.user().id() && m.name().equalsIgnoreCase(t))
                        .min(java.util.Comparator.comparing((Mailbox m) -> !m.name().equals(t)).thenComparingLong(Mailbox::id)))
                .map(Mailbox::id).orElse(ok.mailbox().id());
    }

    private RecipientResolver.Lookup lookup() {
        return new RecipientResolver.Lookup() {
            @Override
            public boolean hostsDomain(String domain) {
                return domains.containsKey(domain);
            }

            @Override
            public Optional<User> userByAddress(String localPart, String domain) {
                return MemoryMailStore.this.userByAddress(localPart, domain);
            }

            @Override
            public Optional<Long> aliasTarget(String localPart, String domain) {
                return Optional.ofNullable(aliases.get(localPart + "@" + domain)).map(Alias::userId);
            }

            @Override
            public Optional<User> userById(long id) {
                return Optional.ofNullable(users.get(id));
            }
        };
    }

    private Optional<User> userByAddress(String local, String domain) {
        return users.values().stream().filter(u -> u.localPart().equals(local) && u.domain().equals(domain)).findFirst();
    }

    private void requireUser(long userId) {
        if (!users.containsKey(userId)) {
            throw new NotFoundException("no user with id " + userId);
        }
    }

    private Mailbox newMailbox(long userId, String name, MailboxRole role) {
        Mailbox m = new Mailbox(nextId++, userId, name, role, nextUidValidity++, 1, 1);
        mailboxes.put(m.id(), m);
        return m;
    }

    private MessageMeta insert(long mailboxId, Set<String> flags, Instant date, long size, BlobId blob) {
        Mailbox box = mailboxes.get(mailboxId);
        long modSeq = bumpModSeq(mailboxId, true);
        MessageMeta m = new MessageMeta(mailboxId, box.uidNext(), modSeq, flags, date, size, blob, null, null);
        messages.computeIfAbsent(mailboxId, k -> new TreeMap<>()).put(m.uid(), m);
        Quota q = quotas.get(box.userId());
        quotas.put(box.userId(), new Quota(q.userId(), q.limitBytes(), q.usedBytes() + size));
        return m;
    }

    /** RFC 7162 §3.1.1 and RFC 3501 §2.3.1.1: counters only grow. */
    private long bumpModSeq(long mailboxId, boolean takeUid) {
        Mailbox b = mailboxes.get(mailboxId);
        Mailbox n = new Mailbox(b.id(), b.userId(), b.name(), b.role(), b.uidValidity(),
                takeUid ? b.uidNext() + 1 : b.uidNext(), b.highestModSeq() + 1);
        mailboxes.put(mailboxId, n);
        return n.highestModSeq();
    }

    private MessageMeta unsealed(MessageMeta m) {
        long userId = mailboxes.get(m.mailboxId()).userId();
        return new MessageMeta(m.mailboxId(), m.uid(), m.modSeq(), m.flags(), m.internalDate(), m.size(), m.blob(),
                m.envelope() == null ? null : options.sealer().unsealText(userId, m.envelope()),
                m.bodyStructure() == null ? null : options.sealer().unsealText(userId, m.bodyStructure()));
    }

    private long storeBody(BlobId blob, InputStream body) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long size;
        try (OutputStream sealed = options.sealer().sealing(blob, sink)) {
            size = body.transferTo(sealed);
        }
        synchronized (lock) {
            blobs.put(blob, sink.toByteArray());
        }
        return size;
    }
}
