/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.vocab;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns the raw values of one field as bytes and counts them, with no object per value: the bytes
 * live in one growing arena, the open-addressing table and the per-slot offsets, lengths and counts
 * are primitive arrays. Each distinct value gets a slot 0, 1, 2, ... in order of first appearance.
 *
 * <p>Values are hashed and compared eight bytes at a time: each slot keeps its first eight bytes as
 * one {@code long}, so a value of up to eight bytes (most ids) is matched by one comparison.
 *
 * <p>Memory: about 29 bytes per distinct value plus its bytes. After counting, {@link #freeze}
 * turns the counts into ids (see {@link VocabularyRule}).
 */
public final class ValueTable {

    private static final int MAX_ARENA = Integer.MAX_VALUE - 16;
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] arena = new byte[1 << 12];
    private int arenaUsed;
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private int[] hashes = new int[64];
    private long[] heads = new long[64]; // the first (up to) eight bytes, zero-padded
    private long[] counts = new long[64];
    private int size;
    private int[] table = new int[128]; // slot + 1, 0 = empty
    private int mask = table.length - 1;

    /** Creates an empty table. */
    public ValueTable() {}

    /**
     * Returns the number of distinct values.
     *
     * @return the slot count
     */
    public int size() {
        return size;
    }

    /**
     * Returns the slot of a value, adding it when new.
     *
     * @param bytes the buffer holding the value
     * @param start its first byte
     * @param end one past its last byte
     * @return the slot
     */
    public int intern(byte[] bytes, int start, int end) {
        long head = word(bytes, start, end);
        int hash = hash(head, bytes, start, end);
        int i = hash & mask;
        while (true) {
            int entry = table[i];
            if (entry == 0) {
                break;
            }
            int slot = entry - 1;
            if (hashes[slot] == hash && same(slot, head, bytes, start, end)) {
                return slot;
            }
            i = (i + 1) & mask;
        }
        int slot = add(bytes, start, end, hash, head);
        table[i] = slot + 1;
        if (size * 2 > table.length) {
            rehash();
        }
        return slot;
    }

    /**
     * Returns the slot of a value without adding it.
     *
     * @param bytes the buffer holding the value
     * @param start its first byte
     * @param end one past its last byte
     * @return the slot, or -1 when the value was never interned
     */
    public int find(byte[] bytes, int start, int end) {
        long head = word(bytes, start, end);
        int hash = hash(head, bytes, start, end);
        int i = hash & mask;
        while (true) {
            int entry = table[i];
            if (entry == 0) {
                return -1;
            }
            int slot = entry - 1;
            if (hashes[slot] == hash && same(slot, head, bytes, start, end)) {
                return slot;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Returns the slot of a text value, adding it when new.
     *
     * @param value the value
     * @return the slot
     */
    public int intern(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return intern(bytes, 0, bytes.length);
    }

    /**
     * Adds occurrences to a slot's count.
     *
     * @param slot the slot
     * @param n how many
     */
    public void count(int slot, long n) {
        counts[slot] += n;
    }

    /**
     * Returns a slot's count.
     *
     * @param slot the slot
     * @return the occurrences counted
     */
    public long countOf(int slot) {
        return counts[slot];
    }

    /**
     * Returns a slot's value as bytes.
     *
     * @param slot the slot
     * @return a copy of the bytes
     */
    public byte[] bytes(int slot) {
        return Arrays.copyOfRange(arena, offsets[slot], offsets[slot] + lengths[slot]);
    }

    /**
     * Returns a slot's value as text.
     *
     * @param slot the slot
     * @return the value decoded as UTF-8
     */
    public String text(int slot) {
        return new String(arena, offsets[slot], lengths[slot], StandardCharsets.UTF_8);
    }

    /**
     * Compares two slots' values in the vocabulary order: canonical non-negative integers (no sign,
     * no leading zero) first, by numeric value; then every other value by its bytes (unsigned).
     *
     * @param a a slot
     * @param b another slot
     * @return negative, zero or positive
     */
    public int compare(int a, int b) {
        boolean na = isCanonicalNumber(a);
        boolean nb = isCanonicalNumber(b);
        if (na != nb) {
            return na ? -1 : 1;
        }
        if (na && lengths[a] != lengths[b]) {
            return Integer.compare(lengths[a], lengths[b]);
        }
        return Arrays.compareUnsigned(
                arena,
                offsets[a],
                offsets[a] + lengths[a],
                arena,
                offsets[b],
                offsets[b] + lengths[b]);
    }

    private boolean isCanonicalNumber(int slot) {
        int start = offsets[slot];
        int length = lengths[slot];
        if (length == 0 || (length > 1 && arena[start] == '0')) {
            return false;
        }
        for (int i = start; i < start + length; i++) {
            if (arena[i] < '0' || arena[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Turns the counts into ids under a rule.
     *
     * @param rule the minimum count, the size cap and the reserved ids
     * @return the frozen vocabulary: slot to id and id to value
     */
    public FrozenVocabulary freeze(VocabularyRule rule) {
        return FrozenVocabulary.of(this, rule);
    }

    private int add(byte[] bytes, int start, int end, int hash, long head) {
        int length = end - start;
        if (arenaUsed + (long) length > MAX_ARENA) {
            throw new IllegalStateException("more than 2 GB of distinct values in one field");
        }
        if (arenaUsed + length > arena.length) {
            int grown = (int) Math.min(MAX_ARENA, Math.max(arena.length * 2L, arenaUsed + length));
            arena = Arrays.copyOf(arena, grown);
        }
        System.arraycopy(bytes, start, arena, arenaUsed, length);
        if (size == offsets.length) {
            int grown = size * 2;
            offsets = Arrays.copyOf(offsets, grown);
            lengths = Arrays.copyOf(lengths, grown);
            hashes = Arrays.copyOf(hashes, grown);
            heads = Arrays.copyOf(heads, grown);
            counts = Arrays.copyOf(counts, grown);
        }
        offsets[size] = arenaUsed;
        lengths[size] = length;
        hashes[size] = hash;
        heads[size] = head;
        arenaUsed += length;
        return size++;
    }

    private boolean same(int slot, long head, byte[] bytes, int start, int end) {
        int length = lengths[slot];
        if (length != end - start || heads[slot] != head) {
            return false;
        }
        if (length <= 8) {
            return true;
        }
        int offset = offsets[slot] + 8;
        return Arrays.equals(arena, offset, offset + length - 8, bytes, start + 8, end);
    }

    private void rehash() {
        int[] grown = new int[table.length * 2];
        int newMask = grown.length - 1;
        for (int slot = 0; slot < size; slot++) {
            int i = hashes[slot] & newMask;
            while (grown[i] != 0) {
                i = (i + 1) & newMask;
            }
            grown[i] = slot + 1;
        }
        table = grown;
        mask = newMask;
    }

    /**
     * Returns bytes {@code start} to {@code min(start + 8, end)} as one little-endian {@code long},
     * zero-padded.
     */
    private static long word(byte[] bytes, int start, int end) {
        int n = end - start;
        if (n >= 8) {
            return (long) LONGS.get(bytes, start);
        }
        if (start + 8 <= bytes.length) {
            return (long) LONGS.get(bytes, start) & ((1L << (n << 3)) - 1);
        }
        long word = 0;
        for (int k = n - 1; k >= 0; k--) {
            word = (word << 8) | (bytes[start + k] & 0xFF);
        }
        return word;
    }

    /** Hashes a value eight bytes at a time, starting from its first word. */
    private static int hash(long head, byte[] bytes, int start, int end) {
        long h = head * 0x9E3779B97F4A7C15L + (end - start);
        for (int i = start + 8; i < end; i += 8) {
            h = (h ^ word(bytes, i, end)) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
