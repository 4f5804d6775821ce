package dev.recall.progress.fold;

import java.util.UUID;

/**
 * A set of UUIDs kept as pairs of longs in one open-addressed array (a member's two halves side by side,
 * so a lookup touches one cache line): no object per member, so a fold of a million events does not hand
 * the garbage collector millions of map nodes and UUIDs to trace and copy.
 */
final class UuidSet {
    private long[] slots = new long[2 << 10];
    private int size;
    private boolean hasZero; // (0, 0) marks a free slot, so the zero UUID is kept aside

    int size() {
        return size;
    }

    boolean contains(UUID id) {
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        if (hi == 0 && lo == 0) {
            return hasZero;
        }
        return find(slots, hi, lo) >= 0;
    }

    /** False when {@code id} was already a member. */
    boolean add(UUID id) {
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        if (hi == 0 && lo == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            size++;
            return true;
        }
        if (4 * (size + 1) > slots.length) { // at most half the slots in use
            grow();
        }
        if (!insert(slots, hi, lo)) {
            return false;
        }
        size++;
        return true;
    }

    private static boolean insert(long[] slots, long hi, long lo) {
        int slot = find(slots, hi, lo);
        if (slot >= 0) {
            return false;
        }
        slots[2 * (-1 - slot)] = hi;
        slots[2 * (-1 - slot) + 1] = lo;
        return true;
    }

    /** The slot holding (hi, lo), or {@code -1 - slot} for the free slot where it would go. */
    private static int find(long[] slots, long hi, long lo) {
        int mask = slots.length / 2 - 1;
        for (int slot = slot(hi, lo, mask); ; slot = (slot + 1) & mask) {
            long h = slots[2 * slot];
            long l = slots[2 * slot + 1];
            if (h == hi && l == lo) {
                return slot;
            }
            if (h == 0 && l == 0) {
                return -1 - slot;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != 0 || slots[i + 1] != 0) {
                insert(bigger, slots[i], slots[i + 1]);
            }
        }
        slots = bigger;
    }

    /** Mixes both halves (a name-based or sequential UUID varies in few bits). */
    private static int slot(long hi, long lo, int mask) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
