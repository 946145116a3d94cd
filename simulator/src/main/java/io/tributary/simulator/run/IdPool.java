package io.tributary.simulator.run;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A set of ids with O(1) add, remove and uniformly random pick. The pick depends only on the order of
 * adds and removes, so a seeded run picks the same ids every time.
 */
final class IdPool {

    private long[] ids = new long[64];
    private int size;
    private final Map<Long, Integer> positions = new HashMap<>();

    void add(long id) {
        if (positions.containsKey(id)) {
            return;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size] = id;
        positions.put(id, size);
        size++;
    }

    boolean remove(long id) {
        Integer position = positions.remove(id);
        if (position == null) {
            return false;
        }
        long last = ids[--size];
        if (position != size) {
            ids[position] = last;
            positions.put(last, position);
        }
        return true;
    }

    boolean contains(long id) {
        return positions.containsKey(id);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The id at {@code position} (0..size-1); positions change when ids are removed. */
    long get(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " of " + size);
        }
        return ids[position];
    }

    /** A random id; the pool must not be empty. */
    long pick(SplittableRandom random) {
        return ids[random.nextInt(size)];
    }
}
