/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.vocab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ids a {@link VocabularyRule} gave the values of a {@link ValueTable}: slot to id for encoding
 * rows, id to value for writing the vocabulary file. Built by {@link ValueTable#freeze}.
 */
public final class FrozenVocabulary {

    private final ValueTable table;
    private final int[] slotToId;
    private final byte[][] reserved;
    private final int[] idToSlot; // for ids after the reserved ones
    private final long coveredCount;
    private final long totalCount;

    private FrozenVocabulary(
            ValueTable table,
            int[] slotToId,
            byte[][] reserved,
            int[] idToSlot,
            long coveredCount,
            long totalCount) {
        this.table = table;
        this.slotToId = slotToId;
        this.reserved = reserved;
        this.idToSlot = idToSlot;
        this.coveredCount = coveredCount;
        this.totalCount = totalCount;
    }

    static FrozenVocabulary of(ValueTable table, VocabularyRule rule) {
        int slots = table.size();
        int[] slotToId = new int[slots];
        List<String> reservedValues = rule.reserved();
        byte[][] reserved = new byte[reservedValues.size()][];
        boolean[] isReserved = new boolean[slots];
        for (int r = 0; r < reserved.length; r++) {
            reserved[r] = reservedValues.get(r).getBytes(StandardCharsets.UTF_8);
            int slot = table.find(reserved[r], 0, reserved[r].length);
            if (slot >= 0) {
                slotToId[slot] = r + 1;
                isReserved[slot] = true;
            }
        }
        List<Integer> kept = new ArrayList<>();
        long total = 0;
        for (int slot = 0; slot < slots; slot++) {
            total += table.countOf(slot);
            if (!isReserved[slot] && table.countOf(slot) >= rule.minCount()) {
                kept.add(slot);
            }
        }
        int room = rule.maxSize() == 0 ? Integer.MAX_VALUE : rule.maxSize() - 1 - reserved.length;
        if (kept.size() > room) {
            kept.sort(
                    (a, b) -> {
                        int byCount = Long.compare(table.countOf(b), table.countOf(a));
                        return byCount != 0 ? byCount : table.compare(a, b);
                    });
            kept = new ArrayList<>(kept.subList(0, room));
        }
        kept.sort(table::compare);
        int[] idToSlot = new int[kept.size()];
        long covered = 0;
        for (int k = 0; k < idToSlot.length; k++) {
            int slot = kept.get(k);
            idToSlot[k] = slot;
            slotToId[slot] = reserved.length + 1 + k;
            covered += table.countOf(slot);
        }
        for (int slot = 0; slot < slots; slot++) {
            if (isReserved[slot]) {
                covered += table.countOf(slot);
            }
        }
        return new FrozenVocabulary(table, slotToId, reserved, idToSlot, covered, total);
    }

    /**
     * Returns the id of a slot.
     *
     * @param slot a slot of the table, or -1 for a value not in it
     * @return the id, 0 for unknown
     */
    public int id(int slot) {
        return slot < 0 || slot >= slotToId.length ? 0 : slotToId[slot];
    }

    /**
     * Returns the number of ids, 0 included: ids are 0..size()-1.
     *
     * @return the size
     */
    public int size() {
        return 1 + reserved.length + idToSlot.length;
    }

    /**
     * Returns the raw value of an id.
     *
     * @param id 1..size()-1
     * @return the value's bytes
     */
    public byte[] value(int id) {
        if (id <= 0 || id >= size()) {
            throw new IllegalArgumentException("id " + id + " outside 1.." + (size() - 1));
        }
        return id <= reserved.length
                ? Arrays.copyOf(reserved[id - 1], reserved[id - 1].length)
                : table.bytes(idToSlot[id - 1 - reserved.length]);
    }

    /**
     * Returns the share of counted occurrences whose value has an id of its own (not 0).
     *
     * @return the coverage in [0, 1], 1 when nothing was counted
     */
    public double coverage() {
        return totalCount == 0 ? 1 : (double) coveredCount / totalCount;
    }
}
