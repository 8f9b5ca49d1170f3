package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jakarta Mail (Angus Mail's IMAP provider, a widely used Java client) against the real server
 * over IMAPS on loopback, with the SQLite store.
 */
class JakartaMailInteropTest {
    static final String MULTIPART = """
            From: Bob <bob@example.org>\r
            To: alice@example.test\r
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= with a file\r
            Message-ID: <m1@example.org>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            caf=C3=A9 at noon\r
            --b1\r
            Content-Type: application/octet-stream; name="notes.bin"\r
            Content-Disposition: attachment; filename="notes.bin"\r
            Content-Transfer-Encoding: base64\r
            \r
            AAECAwQ=\r
            --b1--\r
            """;

    @TempDir
    Path dir;
    ImapTestServer server;
    Store store;
    final ExecutorService idler = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        server = ImapTestServer.tls(SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults()), true);
        server.deliver(MULTIPART);
        server.deliver("From: carol@example.org\r\nSubject: plain one\r\n\r\njust text\r\n");
        Properties p = new Properties();
        // The server's certificate is self-signed for imap.example.test; trust it for this test only.
        p.setProperty("mail.imaps.ssl.trust", "*");
        p.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        p.setProperty("mail.imaps.connectiontimeout", "10000");
        p.setProperty("mail.imaps.timeout", "15000");
        store = Session.getInstance(p).getStore("imaps");
        store.connect("127.0.0.1", server.address.getPort(), ImapTestServer.USER, ImapTestServer.PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        idler.shutdownNow();
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void listsTheDefaultFoldersWithInboxFirstClass() throws Exception {
        String[] names = Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName).toArray(String[]::new);
        assertThat(names).contains("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        IMAPFolder sent = (IMAPFolder) store.getFolder("Sent");
        assertThat(sent.getAttributes()).contains("\\Sent");
    }

    @Test
    void readsHeadersAndMultipartBodiesFromInbox() throws Exception {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(inbox.getMessageCount()).isEqualTo(2);
        Message[] msgs = inbox.getMessages();
        FetchProfile fp = new FetchProfile();
        fp.add(FetchProfile.Item.ENVELOPE);
        fp.add(FetchProfile.Item.CONTENT_INFO);
        fp.add(FetchProfile.Item.FLAGS);
        fp.add(UIDFolder.FetchProfileItem.UID);
        inbox.fetch(msgs, fp);

        Message first = msgs[0];
        assertThat(first.getSubject()).isEqualTo("Grüße with a file");
        assertThat(((InternetAddress) first.getFrom()[0]).getAddress()).isEqualTo("bob@example.org");
        assertThat(((InternetAddress) first.getFrom()[0]).getPersonal()).isEqualTo("Bob");
        assertThat(((MimeMessage) first).getMessageID()).isEqualTo("<m1@example.org>");
        assertThat(first.isMimeType("multipart/mixed")).isTrue();
        assertThat(((UIDFolder) inbox).getUID(first)).isEqualTo(1L);

        Multipart mp = (Multipart) first.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        BodyPart text = mp.getBodyPart(0);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(((String) text.getContent()).strip()).isEqualTo("café at noon");
        BodyPart file = mp.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("notes.bin");
        assertThat(file.getDisposition()).isEqualToIgnoringCase(BodyPart.ATTACHMENT);
        assertThat(file.getInputStream().readAllBytes()).containsExactly(0, 1, 2, 3, 4);

        assertThat(msgs[1].getSubject()).isEqualTo("plain one");
        assertThat(((String) msgs[1].getContent()).strip()).isEqualTo("just text");
        assertThat(msgs[1].getHeader("From")).containsExactly("carol@example.org");
        inbox.close(false);
    }

    @Test
    void flagsSetByTheClientPersistAcrossSessions() throws Exception {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Message m = inbox.getMessage(2);
        m.setFlag(Flags.Flag.FLAGGED, true);
        m.setFlags(new Flags("$Important"), true);
        inbox.close(false);

        assertThat(server.store.message(inboxId(), 2).orElseThrow().flags()).contains("\\Flagged", "$Important");
        inbox.open(Folder.READ_ONLY);
        Flags f = inbox.getMessage(2).getFlags();
        assertThat(f.contains(Flags.Flag.FLAGGED)).isTrue();
        assertThat(f.contains("$Important")).isTrue();
        assertThat(inbox.getMessage(1).getFlags().contains(Flags.Flag.FLAGGED)).isFalse();
        inbox.close(false);
    }

    @Test
    void copiesAndMovesBetweenFolders() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        Folder archive = store.getFolder("Archive");
        Folder trash = store.getFolder("Trash");
        inbox.open(Folder.READ_WRITE);
        inbox.copyMessages(new Message[] {inbox.getMessage(1)}, archive);
        Message moved = inbox.getMessage(2);
        inbox.moveMessages(new Message[] {moved}, trash);
        // RFC 6851 §3.3: the server expunges the original; Jakarta Mail marks it expunged (and keeps
        // it in its count until the application's own expunge, as it does for any server EXPUNGE).
        assertThat(moved.isExpunged()).isTrue();
        assertThat(inbox.getMessage(1).isExpunged()).isFalse();
        inbox.close(false);

        archive.open(Folder.READ_ONLY);
        assertThat(archive.getMessageCount()).isEqualTo(1);
        assertThat(archive.getMessage(1).getSubject()).isEqualTo("Grüße with a file");
        assertThat(((Multipart) archive.getMessage(1).getContent()).getCount()).isEqualTo(2);
        archive.close(false);
        trash.open(Folder.READ_ONLY);
        assertThat(trash.getMessageCount()).isEqualTo(1);
        assertThat(trash.getMessage(1).getSubject()).isEqualTo("plain one");
        trash.close(false);
        assertThat(server.store.messages(inboxId())).extracting(m -> m.uid()).containsExactly(1L);
    }

    @Test
    void appendsADraftWithItsFlags() throws Exception {
        Session s = Session.getInstance(new Properties());
        MimeMessage draft = new MimeMessage(s);
        draft.setFrom(new InternetAddress("alice@example.test"));
        draft.setRecipients(Message.RecipientType.TO, "dave@example.org");
        draft.setSubject("half written");
        draft.setText("to be continued", "utf-8");
        draft.setFlag(Flags.Flag.DRAFT, true);
        draft.saveChanges();
        IMAPFolder drafts = (IMAPFolder) store.getFolder("Drafts");
        // UIDPLUS (RFC 4315): APPENDUID gives the new message's UID.
        var uids = drafts.appendUIDMessages(new Message[] {draft});
        assertThat(uids).hasSize(1);
        assertThat(uids[0]).isNotNull();
        assertThat(uids[0].uid).isEqualTo(1L);

        drafts.open(Folder.READ_ONLY);
        Message back = drafts.getMessageByUID(1);
        assertThat(back.getSubject()).isEqualTo("half written");
        assertThat(back.isSet(Flags.Flag.DRAFT)).isTrue();
        assertThat(((String) back.getContent()).strip()).isEqualTo("to be continued");
        drafts.close(false);
    }

    @Test
    void expungeRemovesOnlyDeletedMessages() throws Exception {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        Message[] gone = inbox.expunge();
        assertThat(gone).hasSize(1);
        assertThat(gone[0].isExpunged()).isTrue();
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        assertThat(inbox.getMessage(1).getSubject()).isEqualTo("plain one");
        inbox.close(false);
        assertThat(server.store.messages(inboxId())).extracting(m -> m.uid()).containsExactly(2L);
    }

    @Test
    void idleIsWokenByADelivery() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        CountDownLatch added = new CountDownLatch(1);
        inbox.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                added.countDown();
            }
        });
        // idle(true): return after the first untagged response the server pushes.
        Future<?> idling = idler.submit(() -> {
            inbox.idle(true);
            return null;
        });
        Thread.sleep(200); // let IDLE reach the server; a delivery before it is reported at IDLE start anyway
        server.deliver("From: erin@example.org\r\nSubject: while idle\r\n\r\nping\r\n");
        idling.get(10, TimeUnit.SECONDS);
        assertThat(added.await(5, TimeUnit.SECONDS)).as("messagesAdded event").isTrue();
        assertThat(inbox.getMessageCount()).isEqualTo(3);
        assertThat(inbox.getMessage(3).getSubject()).isEqualTo("while idle");
        inbox.close(false);
    }

    private long inboxId() {
        return server.store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
    }
}
