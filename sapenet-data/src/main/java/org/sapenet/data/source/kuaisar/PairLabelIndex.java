/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.kuaisar;

import java.util.Arrays;
import org.sapenet.data.store.Split;
import org.sapenet.data.vocab.ValueTable;

/**
 * The (user, item) to (like, share) lookup that labels search rows from recommendation rows, per
 * split, held as one sorted {@code long[]}: each entry packs a dense user index (22 bits, users
 * numbered in order of appearance), the item id (31 bits) and 9 label bits (for each split: seen,
 * liked, shared). Entries of the same pair are merged (labels OR-ed).
 *
 * <p>Memory: 8 bytes per recommendation row while collecting (the array doubles, so up to 12 bytes
 * per row transiently), 8 bytes per distinct pair after {@link #seal()}: the 14.6 M rows of full
 * KuaiSAR take about 117 MB, up to 200 MB while growing. Lookups are binary searches.
 */
final class PairLabelIndex {

    private static final int USER_BITS = 22;
    private static final int ITEM_BITS = 31;
    private static final int LABEL_BITS = 9;

    private final ValueTable users = new ValueTable();
    private long[] entries = new long[1 << 16];
    private int size;
    private boolean sealed;

    /**
     * Adds one recommendation row.
     *
     * @param b the bytes of the line
     * @param userStart the user id's first byte
     * @param userEnd one past its last byte
     * @param item the item id, 0..2^31-1
     * @param split the row's split
     * @param like the like label
     * @param share the share label
     * @throws IllegalStateException beyond 2^22 users
     */
    void add(
            byte[] b,
            int userStart,
            int userEnd,
            int item,
            Split split,
            boolean like,
            boolean share) {
        int user = users.intern(b, userStart, userEnd);
        if (user >= 1 << USER_BITS) {
            throw new IllegalStateException("more than " + (1 << USER_BITS) + " users");
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        int shift = 3 * split.ordinal();
        long labels = (1L | (like ? 2L : 0L) | (share ? 4L : 0L)) << shift;
        entries[size++] = key(user, item) << LABEL_BITS | labels;
    }

    private static long key(int user, int item) {
        return (long) user << ITEM_BITS | item;
    }

    /** Sorts the entries and merges those of the same pair; call once before lookups. */
    void seal() {
        Arrays.sort(entries, 0, size);
        int out = 0;
        for (int i = 0; i < size; i++) {
            long e = entries[i];
            if (out > 0 && entries[out - 1] >>> LABEL_BITS == e >>> LABEL_BITS) {
                entries[out - 1] |= e;
            } else {
                entries[out++] = e;
            }
        }
        entries = Arrays.copyOf(entries, out);
        size = out;
        sealed = true;
    }

    /**
     * Looks up a pair's labels in one split.
     *
     * @param b the bytes of the line
     * @param userStart the user id's first byte
     * @param userEnd one past its last byte
     * @param item the item id
     * @param split the split whose recommendation rows count
     * @return bit 0 seen, bit 1 liked, bit 2 shared (0 when the pair has no row in the split)
     */
    int lookup(byte[] b, int userStart, int userEnd, int item, Split split) {
        if (!sealed) {
            throw new IllegalStateException("seal() first");
        }
        int user = users.find(b, userStart, userEnd);
        if (user < 0) {
            return 0;
        }
        long key = key(user, item);
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = entries[mid] >>> LABEL_BITS;
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return (int) (entries[mid] >>> (3 * split.ordinal())) & 7;
            }
        }
        return 0;
    }

    /**
     * Returns the number of distinct pairs (after {@link #seal()}).
     *
     * @return the pairs
     */
    int pairs() {
        return size;
    }
}
