package org.hearthmail.mailstore.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hearthmail.mailstore.store.Alias;
import org.hearthmail.mailstore.store.AliasSource;
import org.hearthmail.mailstore.store.AppPassword;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.ConflictException;
import org.hearthmail.mailstore.store.CopiedMessage;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.DeliveryResult;
import org.hearthmail.mailstore.store.TransactionMemory;
import org.hearthmail.mailstore.store.Domain;
import org.hearthmail.mailstore.store.EventBus;
import org.hearthmail.mailstore.store.InvalidAddressException;
import org.hearthmail.mailstore.store.MailAddress;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.NotFoundException;
import org.hearthmail.mailstore.store.OverQuotaException;
import org.hearthmail.mailstore.store.ParseCache;
import org.hearthmail.mailstore.store.Quota;
import org.hearthmail.mailstore.store.RecipientOutcome;
import org.hearthmail.mailstore.store.RecipientResolver;
import org.hearthmail.mailstore.store.Resolution;
import org.hearthmail.mailstore.store.StoreEvent;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.blob.BlobStore;
import org.hearthmail.mailstore.store.blob.StagedBlob;

/**
 * The real {@link MailStore}: metadata in SQLite, bodies as files. Writes go through the database's
 * one writer connection (group commit), reads through a pool of read-only connections. All methods
 * block.
 */
public final class SqliteMailStore implements MailStore {
    private final DataDirectory dir;
    private final StoreOptions options;
    private final SqliteDatabase db;
    private final BlobStore blobs;
    private final RecipientResolver resolver;
    private final EventBus bus = new EventBus();
    private final RecipientCache recipientCache = new RecipientCache();
    private final TransactionMemory transactions;

    private SqliteMailStore(DataDirectory dir, StoreOptions options, SqliteDatabase db, BlobStore blobs,
                            TransactionMemory transactions) {
        this.dir = dir;
        this.options = options;
        this.transactions = transactions;
        this.db = db;
        this.blobs = blobs;
        this.resolver = options.resolver();
        db.onResolutionsChanged(recipientCache::invalidateAll);
    }

    /**
     * Opens the store in {@code dir} (creating it if needed), migrates the schema, and sweeps
     * orphan message files. Refuses a database written by a newer program
     * ({@link SchemaVersionException}).
     */
    public static SqliteMailStore open(DataDirectory dir, StoreOptions options) {
        return open(dir, options, TransactionMemory.DEFAULT);
    }

    /** As {@link #open(DataDirectory, StoreOptions)}, remembering relay transaction ids within {@code transactions}. */
    public static SqliteMailStore open(DataDirectory dir, StoreOptions options, TransactionMemory transactions) {
        dir.create();
        return open(dir, options, true, transactions);
    }

    /**
     * Opens the store of an existing data directory <em>beside</em> a process that may have it open
     * already (the CLI while {@code mailstore run} is up). Unlike {@link #open} it does not sweep:
     * the other process's bodies in {@code tmp/}, and bodies written but not yet committed, look
     * exactly like orphans. Writes from both processes are serialized by SQLite's lock (WAL,
     * {@code BEGIN IMMEDIATE}, busy timeout).
     */
    public static SqliteMailStore openBeside(DataDirectory dir, StoreOptions options) {
        return open(dir, options, false, TransactionMemory.DEFAULT);
    }

    private static SqliteMailStore open(DataDirectory dir, StoreOptions options, boolean sweep,
                                        TransactionMemory transactions) {
        SqliteDatabase db = SqliteDatabase.open(dir.database(), Migrator.fromClasspath(), options.readerConnections());
        try {
            BlobStore blobs = new BlobStore(dir.blobs(), dir.tmp(), options.sealer());
            if (sweep) {
                Set<BlobId> referenced = db.read(MessageSql::referencedBlobs);
                blobs.sweep(referenced::contains);
            }
            return new SqliteMailStore(dir, options, db, blobs, transactions);
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("cannot sweep the data directory: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public DataDirectory dataDirectory() {
        return dir;
    }

    BlobStore blobStore() {
        return blobs;
    }

    SqliteDatabase database() {
        return db;
    }

    // ---- accounts -------------------------------------------------------------------------

    @Override
    public Domain addDomain(String name) {
        String n = MailAddress.normalizeDomain(name);
        try {
            return db.write(c -> AccountSql.insertDomain(c, n, now()));
        } catch (SqliteDatabase.UniqueViolation e) {
            throw new ConflictException("domain " + n + " exists already");
        }
    }

    @Override
    public List<Domain> domains() {
        return db.read(AccountSql::domains);
    }

    @Override
    public Optional<Domain> domain(String name) {
        String n = MailAddress.normalizeDomain(name);
        return db.read(c -> AccountSql.domain(c, n));
    }

    @Override
    public void removeDomain(String name) {
        String n = MailAddress.normalizeDomain(name);
        db.write(c -> {
            Domain d = AccountSql.domain(c, n).orElseThrow(() -> new NotFoundException("domain " + n + " is not hosted here"));
            long[] ua = RemovalSql.usersAndAliases(c, d.id());
            if (ua[0] > 0 || ua[1] > 0) {
                throw new ConflictException("domain " + n + " still has " + ua[0] + " user(s) and " + ua[1]
                        + " alias(es); remove them first");
            }
            return RemovalSql.deleteDomain(c, d.id());
        });
    }

    @Override
    public User addUser(String address, String passwordHash, long quotaBytes) {
        MailAddress a = MailAddress.parse(address);
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quota must not be negative");
        }
        List<StoreEvent> events = new ArrayList<>();
        User user;
        try {
            user = db.write(c -> {
                Domain d = AccountSql.domain(c, a.domain())
                        .orElseThrow(() -> new NotFoundException("domain " + a.domain() + " is not hosted here"));
                if (AccountSql.aliasTarget(c, a.localPart(), a.domain()).isPresent()) {
                    throw new ConflictException(a + " is an alias already");
                }
                User u = AccountSql.insertUser(c, d, a.localPart(), passwordHash, now());
                AccountSql.insertQuota(c, u.id(), quotaBytes);
                for (MailboxRole role : MailboxRole.DEFAULTS) {
                    Mailbox m = MailboxSql.insert(c, u.id(), role.defaultName(), role, now());
                    events.add(new StoreEvent.MailboxCreated(u.id(), m.id(), m.name()));
                }
                return u;
            });
        } catch (SqliteDatabase.UniqueViolation e) {
            throw new ConflictException("user " + a + " exists already");
        }
        bus.publish(events);
        return user;
    }

    @Override
    public Optional<User> user(String address) {
        MailAddress a = MailAddress.parse(address);
        return db.read(c -> AccountSql.user(c, a.localPart(), a.domain()));
    }

    @Override
    public Optional<User> user(long id) {
        return db.read(c -> AccountSql.user(c, id));
    }

    @Override
    public List<User> users() {
        return db.read(AccountSql::users);
    }

    @Override
    public void removeUser(long userId) {
        db.write(c -> {
            AccountSql.user(c, userId).orElseThrow(() -> new NotFoundException("no user with id " + userId));
            Set<BlobId> touched = RemovalSql.blobsOfUser(c, userId);
            RemovalSql.retireIds(c, userId);
            RemovalSql.deleteUser(c, userId);
            Set<BlobId> garbage = new HashSet<>();
            for (BlobId b : touched) {
                if (!MessageSql.blobReferenced(c, b)) {
                    garbage.add(b);
                }
            }
            return garbage;
        }, garbage -> garbage.forEach(blobs::delete)); // ADR 0002 §3: delete after commit, before the next write
    }

    @Override
    public Alias addAlias(String source, long userId) {
        AliasSource s = AliasSource.parse(source);
        try {
            return db.write(c -> {
                Domain d = AccountSql.domain(c, s.domain())
                        .orElseThrow(() -> new NotFoundException("domain " + s.domain() + " is not hosted here"));
                AccountSql.user(c, userId).orElseThrow(() -> new NotFoundException("no user with id " + userId));
                if (!s.catchAll() && AccountSql.user(c, s.localPart(), s.domain()).isPresent()) {
                    throw new ConflictException(s + " is a user already");
                }
                return AccountSql.insertAlias(c, d, s.localPart(), userId);
            });
        } catch (SqliteDatabase.UniqueViolation e) {
            throw new ConflictException("alias " + s + " exists already");
        }
    }

    @Override
    public List<Alias> aliases() {
        return db.read(AccountSql::aliases);
    }

    @Override
    public boolean removeAlias(String source) {
        AliasSource s = AliasSource.parse(source);
        return db.write(c -> {
            Optional<Domain> d = AccountSql.domain(c, s.domain());
            return d.isPresent() && RemovalSql.deleteAlias(c, d.get().id(), s.localPart()) == 1;
        });
    }

    @Override
    public Optional<String> passwordHash(long userId) {
        return db.read(c -> AccountSql.passwordHash(c, userId));
    }

    @Override
    public void setPasswordHash(long userId, String passwordHash) {
        int n = db.write(c -> AccountSql.setPasswordHash(c, userId, passwordHash));
        if (n == 0) {
            throw new NotFoundException("no user with id " + userId);
        }
    }

    @Override
    public AppPassword addAppPassword(long userId, String label, String hash) {
        return db.write(c -> {
            AccountSql.user(c, userId).orElseThrow(() -> new NotFoundException("no user with id " + userId));
            return AccountSql.insertAppPassword(c, userId, label, hash, now());
        });
    }

    @Override
    public List<AppPassword> appPasswords(long userId) {
        return db.read(c -> AccountSql.appPasswords(c, userId));
    }

    @Override
    public boolean revokeAppPassword(long userId, long appPasswordId) {
        return db.write(c -> AccountSql.revokeAppPassword(c, userId, appPasswordId, now()));
    }

    @Override
    public Quota quota(long userId) {
        return db.read(c -> AccountSql.quota(c, userId))
                .orElseThrow(() -> new NotFoundException("no user with id " + userId));
    }

    @Override
    public void setQuotaLimit(long userId, long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("quota must not be negative");
        }
        if (db.write(c -> AccountSql.setQuotaLimit(c, userId, limitBytes)) == 0) {
            throw new NotFoundException("no user with id " + userId);
        }
    }

    // ---- mailboxes ------------------------------------------------------------------------

    @Override
    public List<Mailbox> mailboxes(long userId) {
        return db.read(c -> MailboxSql.byUser(c, userId));
    }

    @Override
    public Optional<Mailbox> mailbox(long userId, String name) {
        return db.read(c -> MailboxSql.byName(c, userId, name));
    }

    @Override
    public Optional<Mailbox> mailbox(long userId, MailboxRole role) {
        return db.read(c -> MailboxSql.byRole(c, userId, role));
    }

    @Override
    public Optional<Mailbox> mailboxById(long mailboxId) {
        return db.read(c -> MailboxSql.byId(c, mailboxId));
    }

    @Override
    public Mailbox createMailbox(long userId, String name, MailboxRole role) {
        if (name.equalsIgnoreCase("INBOX") != (role == MailboxRole.INBOX)) {
            throw new IllegalArgumentException("RFC 3501 §5.1: only the INBOX role is named INBOX");
        }
        Mailbox m;
        try {
            m = db.write(c -> {
                AccountSql.user(c, userId).orElseThrow(() -> new NotFoundException("no user with id " + userId));
                return MailboxSql.insert(c, userId, name, role, now());
            });
        } catch (SqliteDatabase.UniqueViolation e) {
            throw new ConflictException("mailbox " + name + (role == MailboxRole.NONE ? "" : " or role " + role) + " exists already");
        }
        bus.publish(List.of(new StoreEvent.MailboxCreated(userId, m.id(), m.name())));
        return m;
    }

    @Override
    public void deleteMailbox(long mailboxId) {
        MailboxChangeSql.Deleted done = db.write(c -> MailboxChangeSql.delete(c, mailboxId),
                d -> d.garbage().forEach(blobs::delete)); // ADR 0002 §3: delete after commit
        bus.publish(done.events());
    }

    @Override
    public Mailbox renameMailbox(long mailboxId, String newName) {
        MailboxChangeSql.Renamed done;
        try {
            done = db.write(c -> MailboxChangeSql.rename(c, mailboxId, newName, now()));
        } catch (SqliteDatabase.UniqueViolation e) {
            throw new ConflictException("mailbox " + newName + " exists already");
        }
        bus.publish(done.events());
        return done.mailbox();
    }

    // ---- messages -------------------------------------------------------------------------

    @Override
    public Resolution resolveRecipient(String address) {
        MailAddress a;
        try {
            a = MailAddress.parse(address);
        } catch (InvalidAddressException e) {
            return new Resolution.Unknown(address);
        }
        Optional<Resolution> cached = recipientCache.get(address);
        if (cached.isPresent()) {
            return cached.get();
        }
        long generation = recipientCache.generation();
        Resolution r = db.read(c -> resolve(c, address, a));
        recipientCache.put(address, generation, r);
        return r;
    }

    @Override
    public Optional<Resolution> cachedResolution(String address) {
        return recipientCache.get(address);
    }

    private Resolution resolve(Connection c, String original, MailAddress a) throws SQLException {
        Optional<User> user = resolver.resolve(a, AccountSql.lookup(c));
        if (user.isEmpty()) {
            return new Resolution.Unknown(original);
        }
        Optional<Mailbox> inbox = MailboxSql.byRole(c, user.get().id(), MailboxRole.INBOX);
        Optional<Quota> quota = AccountSql.quota(c, user.get().id());
        if (inbox.isEmpty() || quota.isEmpty()) {
            return new Resolution.Unknown(original);
        }
        if (quota.get().exhausted()) {
            return new Resolution.OverQuota(user.get(), quota.get());
        }
        return new Resolution.Resolved(user.get(), inbox.get());
    }

    @Override
    public DeliveryResult deliver(List<String> recipients, MailboxRole target, InputStream body) throws IOException {
        return deliver(null, recipients, target, body, () -> null);
    }

    /** The id is looked up and remembered inside the delivery's own transaction (RelayTransactionSql). */
    @Override
    public DeliveryResult deliverOnce(String relayTransactionId, List<String> recipients, MailboxRole target,
                                      InputStream body) throws IOException {
        return deliver(Objects.requireNonNull(relayTransactionId, "relayTransactionId"), recipients, target, body, () -> null);
    }

    /** Relay transaction ids held now; for tests. */
    long relayTransactionCount() {
        return db.read(RelayTransactionSql::count);
    }

    /** The parse results are sealed per recipient and stored with each row, in the delivery's transaction. */
    @Override
    public DeliveryResult deliver(String relayTransactionId, List<String> recipients, MailboxRole target, InputStream body,
                                  Supplier<ParseCache> parsed) throws IOException {
        StagedBlob stored = storeBody(body);
        BlobId blob = stored.id();
        long size = stored.size();
        ParseCache parse = parsed.get(); // the body has been read to its end
        Committed<Delivery> done;
        try {
            done = db.writeDelivery(c -> relayTransactionId == null ? deliverRows(c, recipients, target, blob, size, parse)
                    : deliverRowsOnce(c, relayTransactionId, recipients, target, blob, size, parse), r -> {
                if (!r.value().result().anyDelivered()) {
                    blobs.delete(blob);
                }
                if (r.value().filledQuota()) {
                    // The RCPT answer for this user is now "mailbox full" (RFC 3463 X.2.2).
                    recipientCache.invalidateAll();
                }
            });
        } catch (RuntimeException e) {
            blobs.delete(blob);
            throw e;
        }
        bus.publish(done.events());
        return done.value().result();
    }

    /**
     * RFC 5233 §2 (sub-address "detail"): with folder delivery on, {@code user+Folder@domain} goes
     * into the user's mailbox "Folder" when it exists; otherwise, and when off, into INBOX.
     */
    private long folderOrInbox(Connection c, String rcpt, Resolution.Resolved ok) throws SQLException {
        if (!options.folderDelivery()) {
            return ok.mailbox().id();
        }
        Optional<String> tag;
        try {
            tag = resolver.folderTag(MailAddress.parse(rcpt), AccountSql.lookup(c));
        } catch (InvalidAddressException e) {
            return ok.mailbox().id();
        }
        if (tag.isEmpty()) {
            return ok.mailbox().id();
        }
        return MailboxSql.byNameAnyCase(c, ok.user().id(), tag.get()).map(Mailbox::id).orElse(ok.mailbox().id());
    }

    /** A delivery's result, and whether it left a recipient's quota exhausted. */
    private record Delivery(DeliveryResult result, boolean filledQuota) {
    }

    /** A duplicate stores nothing (its blob is deleted after the commit, as for any delivery without a recipient). */
    private Committed<Delivery> deliverRowsOnce(Connection c, String id, List<String> recipients, MailboxRole target,
                                                BlobId blob, long size, ParseCache parse) throws SQLException {
        Instant now = now();
        if (RelayTransactionSql.committedSince(c, id, now.minus(transactions.keep()))) {
            return new Committed<>(new Delivery(DeliveryResult.duplicateOf(size), false), List.of());
        }
        Committed<Delivery> done = deliverRows(c, recipients, target, blob, size, parse);
        if (done.value().result().anyDelivered()) {
            RelayTransactionSql.remember(c, id, now, transactions);
        }
        return done;
    }

    private Committed<Delivery> deliverRows(Connection c, List<String> recipients, MailboxRole target, BlobId blob,
                                            long size, ParseCache parse) throws SQLException {
        Instant now = now();
        List<RecipientOutcome> outcomes = new ArrayList<>();
        List<StoreEvent> events = new ArrayList<>();
        Map<Long, Long> uidByMailbox = new HashMap<>();
        boolean filledQuota = false;
        for (String rcpt : recipients) {
            Resolution r;
            try {
                r = resolve(c, rcpt, MailAddress.parse(rcpt));
            } catch (InvalidAddressException e) {
                r = new Resolution.Unknown(rcpt);
            }
            if (r instanceof Resolution.Resolved ok) {
                long userId = ok.user().id();
                long mailboxId = target == MailboxRole.INBOX ? folderOrInbox(c, rcpt, ok)
                        : MailboxSql.byRole(c, userId, target).orElse(ok.mailbox()).id();
                Long uid = uidByMailbox.get(mailboxId);
                if (uid == null) {
                    Quota q = AccountSql.quota(c, userId).orElseThrow();
                    if (q.wouldExceed(size)) {
                        outcomes.add(new RecipientOutcome.NotDelivered(rcpt, new Resolution.OverQuota(ok.user(), q)));
                        continue;
                    }
                    long[] um = MailboxSql.allocateUidAndModSeq(c, mailboxId);
                    MessageSql.insert(c, mailboxId, um[0], um[1], Set.of(), now, size, blob);
                    if (parse != null) {
                        MessageSql.cacheParse(c, mailboxId, um[0], options.sealer().sealText(userId, parse.envelope()),
                                options.sealer().sealText(userId, parse.bodyStructure()));
                    }
                    AccountSql.addUsage(c, userId, size);
                    filledQuota |= new Quota(userId, q.limitBytes(), q.usedBytes() + size).exhausted();
                    uid = um[0];
                    uidByMailbox.put(mailboxId, uid);
                    events.add(new StoreEvent.MessageAdded(userId, mailboxId, um[0], um[1], parse != null));
                }
                outcomes.add(new RecipientOutcome.Delivered(rcpt, userId, mailboxId, uid));
            } else {
                outcomes.add(new RecipientOutcome.NotDelivered(rcpt, r));
            }
        }
        return new Committed<>(new Delivery(new DeliveryResult(size, outcomes), filledQuota), events);
    }

    @Override
    public MessageMeta append(long mailboxId, Set<String> flags, Instant internalDate, InputStream body)
            throws IOException {
        return append(mailboxId, flags, internalDate, body, null, null);
    }

    /**
     * The body is made durable first (blob fsynced, its directory too), then one row is committed
     * through the group commit with the other writes queued meanwhile (concurrent APPENDs share one
     * WAL fsync); the parse results ride in the same transaction (no write of their own).
     */
    @Override
    public MessageMeta append(long mailboxId, Set<String> flags, Instant internalDate, InputStream body,
                              String envelope, String bodyStructure) throws IOException {
        Set<String> f = org.hearthmail.mailstore.store.Flags.normalize(flags);
        Instant date = Instant.ofEpochMilli(internalDate.toEpochMilli());
        StagedBlob stored = storeBody(body);
        BlobId blob = stored.id();
        long size = stored.size();
        Committed<Appended> done;
        try {
            // A delivery kind of write: it changes no account, so cached RCPT answers stay valid,
            // unless it fills the quota (then, as for deliver, they are dropped).
            done = db.writeDelivery(c -> appendRow(c, mailboxId, f, date, blob, size, envelope, bodyStructure),
                    r -> {
                        if (r.value().filledQuota()) {
                            recipientCache.invalidateAll(); // RFC 3463 X.2.2 at RCPT from now on
                        }
                    });
        } catch (RuntimeException e) {
            blobs.delete(blob);
            throw e;
        }
        bus.publish(done.events());
        return done.value().meta();
    }

    /** An appended message, and whether it left its owner's quota exhausted. */
    private record Appended(MessageMeta meta, boolean filledQuota) {
    }

    private Committed<Appended> appendRow(Connection c, long mailboxId, Set<String> flags, Instant date, BlobId blob,
                                          long size, String envelope, String bodyStructure) throws SQLException {
        Mailbox m = MailboxSql.byId(c, mailboxId)
                .orElseThrow(() -> new NotFoundException("no mailbox with id " + mailboxId));
        Quota q = AccountSql.quota(c, m.userId()).orElseThrow();
        if (q.wouldExceed(size)) {
            throw new OverQuotaException(q, size);
        }
        long[] um = MailboxSql.allocateUidAndModSeq(c, mailboxId);
        MessageSql.insert(c, mailboxId, um[0], um[1], flags, date, size, blob);
        boolean parsed = envelope != null && bodyStructure != null;
        if (envelope != null || bodyStructure != null) {
            MessageSql.cacheParse(c, mailboxId, um[0],
                    envelope == null ? null : options.sealer().sealText(m.userId(), envelope),
                    bodyStructure == null ? null : options.sealer().sealText(m.userId(), bodyStructure));
        }
        AccountSql.addUsage(c, m.userId(), size);
        MessageMeta meta = new MessageMeta(mailboxId, um[0], um[1], flags, date, size, blob, envelope, bodyStructure);
        boolean filled = new Quota(m.userId(), q.limitBytes(), q.usedBytes() + size).exhausted();
        return new Committed<>(new Appended(meta, filled),
                List.of(new StoreEvent.MessageAdded(m.userId(), mailboxId, um[0], um[1], parsed)));
    }

    /** Streams the body into blobs/ durably (BlobStore.store: renamed, then file and directory fsynced). */
    private StagedBlob storeBody(InputStream body) throws IOException {
        return blobs.store(body);
    }

    @Override
    public List<MessageMeta> messages(long mailboxId) {
        return db.read(c -> MessageSql.byMailbox(c, mailboxId, options.sealer()));
    }

    @Override
    public Optional<MessageMeta> message(long mailboxId, long uid) {
        return db.read(c -> MessageSql.one(c, mailboxId, uid, options.sealer()));
    }

    @Override
    public List<MessageMeta> summaries(long mailboxId) {
        return summaries(mailboxId, new org.hearthmail.mailstore.store.MessageFilter.Any());
    }

    @Override
    public List<MessageMeta> summaries(long mailboxId, org.hearthmail.mailstore.store.MessageFilter filter) {
        return db.read(c -> MessageSql.summaries(c, mailboxId, filter));
    }

    @Override
    public long rows(long mailboxId, long afterUid, org.hearthmail.mailstore.store.MessageRowSink sink) {
        return db.read(c -> MessageSql.rows(c, mailboxId, afterUid, sink));
    }

    @Override
    public InputStream openBody(MessageMeta message) throws IOException {
        return blobs.open(message.blob());
    }

    @Override
    public byte[] bodyIfCached(MessageMeta message, int maxStored) throws IOException {
        // Stored size = plain size with the identity sealer (the only one today): the read buffer is
        // sized to the message. A sealer that adds overhead would make every read a miss (never a
        // wrong answer) until its overhead is added here.
        return blobs.readIfCached(message.blob(), (int) Math.min(maxStored, message.size()));
    }

    @Override
    public MessageMeta setFlags(long mailboxId, long uid, Set<String> flags) {
        Set<String> f = org.hearthmail.mailstore.store.Flags.normalize(flags);
        Committed<MessageMeta> done = db.write(c -> {
            MessageMeta old = MessageSql.one(c, mailboxId, uid, options.sealer())
                    .orElseThrow(() -> new NotFoundException("no message with UID " + uid + " in mailbox " + mailboxId));
            long modSeq = MailboxSql.nextModSeq(c, mailboxId);
            MessageSql.setFlags(c, mailboxId, uid, f, modSeq);
            long userId = MailboxSql.byId(c, mailboxId).orElseThrow().userId();
            MessageMeta now = new MessageMeta(mailboxId, uid, modSeq, f, old.internalDate(), old.size(), old.blob(),
                    old.envelope(), old.bodyStructure());
            return new Committed<>(now, List.of(new StoreEvent.FlagsChanged(userId, mailboxId, uid, modSeq, f)));
        });
        bus.publish(done.events());
        return done.value();
    }

    @Override
    public List<MessageMeta> setFlags(long mailboxId, java.util.SortedMap<Long, Set<String>> flagsByUid) {
        java.util.SortedMap<Long, Set<String>> normalized = new java.util.TreeMap<>();
        flagsByUid.forEach((uid, flags) -> normalized.put(uid, org.hearthmail.mailstore.store.Flags.normalize(flags)));
        Committed<List<MessageMeta>> done = db.write(c -> {
            long userId = MailboxSql.byId(c, mailboxId)
                    .orElseThrow(() -> new NotFoundException("no mailbox with id " + mailboxId)).userId();
            if (normalized.isEmpty()) {
                return new Committed<>(List.<MessageMeta>of(), List.<StoreEvent>of());
            }
            long first = MailboxSql.reserveModSeqs(c, mailboxId, normalized.size());
            List<MessageMeta> changed = MessageSql.setFlags(c, mailboxId, normalized, first);
            // Messages expunged meanwhile used no mod-sequence: HIGHESTMODSEQ is the last one given.
            MailboxSql.setHighestModSeq(c, mailboxId, first + changed.size() - 1);
            List<StoreEvent> events = new ArrayList<>(changed.size());
            for (MessageMeta m : changed) {
                events.add(new StoreEvent.FlagsChanged(userId, mailboxId, m.uid(), m.modSeq(), m.flags()));
            }
            return new Committed<>(changed, events);
        });
        bus.publish(done.events());
        return done.value();
    }

    @Override
    public List<Long> expunge(long mailboxId, Collection<Long> uids) {
        record Expunged(List<Long> uids, Set<BlobId> garbage, List<StoreEvent> events) {
        }
        Expunged done = db.write(c -> {
            Optional<Mailbox> box = MailboxSql.byId(c, mailboxId);
            if (box.isEmpty()) {
                throw new NotFoundException("no mailbox with id " + mailboxId);
            }
            List<Long> removed = new ArrayList<>();
            Set<BlobId> touched = new HashSet<>();
            for (long uid : new TreeSet<>(uids)) {
                Optional<MessageMeta> m = MessageSql.one(c, mailboxId, uid, options.sealer());
                if (m.isPresent() && MessageSql.delete(c, mailboxId, uid) == 1) {
                    removed.add(uid);
                    touched.add(m.get().blob());
                    AccountSql.addUsage(c, box.get().userId(), -m.get().size());
                }
            }
            Set<BlobId> garbage = new HashSet<>();
            for (BlobId b : touched) {
                if (!MessageSql.blobReferenced(c, b)) {
                    garbage.add(b);
                }
            }
            List<StoreEvent> events = List.of();
            if (!removed.isEmpty()) {
                long modSeq = MailboxSql.nextModSeq(c, mailboxId);
                MessageSql.recordExpunged(c, mailboxId, removed, modSeq);
                events = List.of(new StoreEvent.MessagesExpunged(box.get().userId(), mailboxId, removed, modSeq));
            }
            return new Expunged(removed, garbage, events);
        }, r -> r.garbage().forEach(blobs::delete));
        bus.publish(done.events());
        return done.uids();
    }

    @Override
    public List<Long> expungedSince(long mailboxId, long modSeq) {
        return db.read(c -> MessageSql.expungedSince(c, mailboxId, modSeq));
    }

    @Override
    public List<CopiedMessage> copy(long fromMailboxId, Collection<Long> uids, long toMailboxId) {
        Committed<List<CopiedMessage>> done = db.write(c -> {
            Mailbox from = MailboxSql.byId(c, fromMailboxId)
                    .orElseThrow(() -> new NotFoundException("no mailbox with id " + fromMailboxId));
            Mailbox to = MailboxSql.byId(c, toMailboxId)
                    .orElseThrow(() -> new NotFoundException("no mailbox with id " + toMailboxId));
            if (from.userId() != to.userId()) {
                throw new IllegalArgumentException("copies stay within one user's mailboxes");
            }
            List<MessageMeta> picked = new ArrayList<>();
            for (long uid : new TreeSet<>(uids)) {
                MessageSql.one(c, fromMailboxId, uid, options.sealer()).ifPresent(picked::add);
            }
            long total = picked.stream().mapToLong(MessageMeta::size).sum();
            Quota q = AccountSql.quota(c, to.userId()).orElseThrow();
            if (q.wouldExceed(total)) {
                throw new OverQuotaException(q, total);
            }
            List<CopiedMessage> out = new ArrayList<>();
            List<StoreEvent> events = new ArrayList<>();
            for (MessageMeta m : picked) {
                long[] um = MailboxSql.allocateUidAndModSeq(c, toMailboxId);
                MessageSql.insert(c, toMailboxId, um[0], um[1], m.flags(), m.internalDate(), m.size(), m.blob());
                MessageSql.cacheParse(c, toMailboxId, um[0],
                        m.envelope() == null ? null : options.sealer().sealText(to.userId(), m.envelope()),
                        m.bodyStructure() == null ? null : options.sealer().sealText(to.userId(), m.bodyStructure()));
                out.add(new CopiedMessage(m.uid(), new MessageMeta(toMailboxId, um[0], um[1], m.flags(),
                        m.internalDate(), m.size(), m.blob(), m.envelope(), m.bodyStructure())));
                events.add(new StoreEvent.MessageAdded(to.userId(), toMailboxId, um[0], um[1]));
            }
            AccountSql.addUsage(c, to.userId(), total);
            return new Committed<>(out, events);
        });
        bus.publish(done.events());
        return done.value();
    }

    @Override
    public void cacheParse(long mailboxId, long uid, String envelope, String bodyStructure) {
        // A cache: lost in a crash, it is parsed again on demand, so no fsync of its own.
        int n = db.writeCache(c -> {
            Mailbox m = MailboxSql.byId(c, mailboxId)
                    .orElseThrow(() -> new NotFoundException("no mailbox with id " + mailboxId));
            return MessageSql.cacheParse(c, mailboxId, uid,
                    envelope == null ? null : options.sealer().sealText(m.userId(), envelope),
                    bodyStructure == null ? null : options.sealer().sealText(m.userId(), bodyStructure));
        });
        if (n == 0) {
            throw new NotFoundException("no message with UID " + uid + " in mailbox " + mailboxId);
        }
    }

    // ---- maintenance ----------------------------------------------------------------------

    /** Blob ids some message references (one snapshot). */
    public Set<BlobId> referencedBlobs() {
        return db.read(MessageSql::referencedBlobs);
    }

    /** {@code PRAGMA integrity_check}: a single "ok" when the database is sound. */
    public List<String> integrityCheck() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("PRAGMA integrity_check");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public AutoCloseable subscribe(Consumer<StoreEvent> listener) {
        return bus.subscribe(listener);
    }

    @Override
    public void close() {
        db.close();
    }

    private Instant now() {
        return options.clock().instant();
    }

    /** A committed value and the events to publish for it. */
    private record Committed<T>(T value, List<StoreEvent> events) {
    }
}
