package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.MessageMeta;
import org.junit.jupiter.api.Test;

/**
 * The header index's memory bound: what an entry is estimated to take counts its sort fields
 * (keys, Message-ID, References), the estimate is not below what entries really take on the heap,
 * and the index never holds more than its budget by that estimate.
 */
class HeaderIndexMemoryTest {

    private static byte[] header(int i, int references) {
        StringBuilder h = new StringBuilder()
                .append("From: Carol Example <carol@example.org>\r\nTo: bob@bench.test\r\nCc: Dave <dave@example.net>\r\n")
                .append("Subject: Re: alpha bravo charlie delta echo ").append(i).append("\r\n")
                .append("Date: Tue, 1 Apr 2025 10:").append(String.format("%02d", i % 60)).append(":00 +0000\r\n")
                .append("Message-ID: <").append(i).append(".").append(Long.toHexString(i * 7919L)).append("@bench.example.org>\r\n");
        if (references > 0) {
            h.append("References:");
            for (int r = 0; r < references; r++) {
                h.append(" <").append(i).append('-').append(r).append("@earlier.example.org>");
            }
            h.append("\r\n");
        }
        return h.append("\r\nbody\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static MessageMeta meta(long uid, byte[] raw) {
        return new MessageMeta(1, uid, 1, Set.of(), Instant.EPOCH, raw.length, BlobId.random(), null, null);
    }

    @Test
    void entryEstimateGrowsWithTheSortFieldsReferencesAndSubject() {
        HeaderIndex.Entry plain = HeaderIndex.entryOf(BlobId.random(), header(1, 0));
        HeaderIndex.Entry threaded = HeaderIndex.entryOf(BlobId.random(), header(1, 100));
        // 100 ids of 27+ characters: each a String (24) and its array (16 + 27, aligned: 48), a list slot (4).
        assertThat(threaded.sort().references()).hasSize(100);
        assertThat(threaded.estimatedBytes() - plain.estimatedBytes()).isGreaterThanOrEqualTo(100 * (24 + 48 + 4));
        // The sort fields are counted beside the decoded values: more than the values alone.
        assertThat(plain.estimatedBytes()).isGreaterThan(HeapSize.fields(plain.values()) + plain.sort().estimatedBytes() - 1);
        assertThat(plain.sort().estimatedBytes()).isGreaterThan(HeapSize.string(plain.sort().messageId())
                + plain.sort().subject().octets().length);
    }

    @Test
    void estimateIsNotBelowWhatEntriesTakeOnTheHeap() {
        int n = 20_000;
        List<byte[]> raws = new ArrayList<>(n);
        List<BlobId> blobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            raws.add(header(i, i % 3 == 1 ? 1 : i % 7 == 0 ? 5 : 0));
            blobs.add(new BlobId(String.format("%032x", i)));
        }
        HeaderIndex.Entry[] entries = new HeaderIndex.Entry[n];
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            entries[i] = HeaderIndex.entryOf(blobs.get(i), raws.get(i));
        }
        long measured = usedAfterGc() - before;
        long estimated = 0;
        for (HeaderIndex.Entry e : entries) {
            estimated += e.estimatedBytes();
        }
        // The entries hold their body ids, made before the first reading: count those in too.
        measured += n * (16 + HeapSize.string(blobs.get(0).hex()));
        assertThat(entries[n - 1]).isNotNull();
        assertThat(estimated).as("estimated %d octets, measured %d", estimated, measured)
                .isGreaterThanOrEqualTo(measured * 85 / 100); // measured here: within 1 % of the estimate
    }

    @Test
    void indexNeverHoldsMoreThanItsBudgetAndAFullMailboxKeepsWhatItHolds() {
        long budget = 256 * 1024;
        HeaderIndex index = new HeaderIndex(budget);
        long peak = 0;
        int firstLeftOut = 0;
        for (int uid = 1; uid <= 2_000; uid++) {
            byte[] raw = header(uid, uid % 10 == 0 ? 40 : 1);
            index.add(meta(uid, raw), raw);
            peak = Math.max(peak, index.estimatedBytes());
            assertThat(index.estimatedBytes()).isLessThanOrEqualTo(budget);
            if (firstLeftOut == 0 && !index.mailbox(1).containsKey((long) uid)) {
                firstLeftOut = uid;
            }
        }
        assertThat(peak).isGreaterThan(budget * 9 / 10);
        assertThat(firstLeftOut).as("the budget holds some hundreds of entries").isBetween(100, 1_999);
        // The mailbox filled the budget alone: it kept its first entries instead of starting over.
        assertThat(index.mailbox(1).keySet()).contains(1L, (long) firstLeftOut - 1).hasSize(firstLeftOut - 1);
        // What it holds is what its entries are estimated to take, with their map slots and sort ranks.
        long sum = index.mailbox(1).values().stream().mapToLong(HeaderIndex.Entry::estimatedBytes).sum();
        assertThat(index.estimatedBytes()).isEqualTo(sum + HeaderIndex.SLOT_BYTES * index.size());
    }

    @Test
    void otherMailboxesMakeRoomForTheOneBeingFilled() {
        long budget = 128 * 1024;
        HeaderIndex index = new HeaderIndex(budget);
        int uid = 0;
        while (index.estimatedBytes() < budget / 2) {
            byte[] raw = header(++uid, 1);
            index.add(new MessageMeta(2, uid, 1, Set.of(), Instant.EPOCH, raw.length, BlobId.random(), null, null), raw);
        }
        int inOther = index.mailbox(2).size();
        for (int u = 1; u <= 2 * inOther; u++) {
            byte[] raw = header(u, 1);
            index.add(meta(u, raw), raw);
        }
        assertThat(index.mailbox(2)).as("dropped for mailbox 1").isEmpty();
        assertThat(index.mailbox(1)).hasSizeGreaterThan(inOther);
        assertThat(index.size()).isEqualTo(index.mailbox(1).size());
        assertThat(index.estimatedBytes()).isLessThanOrEqualTo(budget);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
