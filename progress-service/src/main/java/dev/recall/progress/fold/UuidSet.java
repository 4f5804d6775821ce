package dev.recall.progress.fold;

import java.util.UUID;

/**
 * A set of UUIDs kept as pairs of longs in two open-addressed arrays: no object per member, so a fold of a
 * million events does not hand the garbage collector millions of map nodes and UUIDs to trace and copy.
 */
final class UuidSet {
    private long[] high = new long[1 << 10];
    private long[] low = new long[1 << 10];
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
        int mask = high.length - 1;
        for (int slot = slot(hi, lo, mask); ; slot = (slot + 1) & mask) {
            if (high[slot] == hi && low[slot] == lo) {
                return true;
            }
            if (high[slot] == 0 && low[slot] == 0) {
                return false;
            }
        }
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
        if (2 * (size + 1) > high.length) {
            grow();
        }
        if (!insert(high, low, hi, lo)) {
            return false;
        }
        size++;
        return true;
    }

    private static boolean insert(long[] high, long[] low, long hi, long lo) {
        int mask = high.length - 1;
        for (int slot = slot(hi, lo, mask); ; slot = (slot + 1) & mask) {
            if (high[slot] == hi && low[slot] == lo) {
                return false;
            }
            if (high[slot] == 0 && low[slot] == 0) {
                high[slot] = hi;
                low[slot] = lo;
                return true;
            }
        }
    }

    private void grow() {
        long[] newHigh = new long[high.length * 2];
        long[] newLow = new long[low.length * 2];
        for (int slot = 0; slot < high.length; slot++) {
            if (high[slot] != 0 || low[slot] != 0) {
                insert(newHigh, newLow, high[slot], low[slot]);
            }
        }
        high = newHigh;
        low = newLow;
    }

    /** Mixes both halves (a name-based or sequential UUID varies in few bits). */
    private static int slot(long hi, long lo, int mask) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
