package ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * person_id text -> dense index 0..n-1 (in people.csv order), primitive open addressing, no object per
 * person. Ids of 1-8 bytes (the usual case: integers, short codes) are packed into a long and found with
 * one long comparison (table {@code stable}: key and index side by side); longer ids go to a second table of
 * (32-bit hash, index+1) slots compared against the id bytes in a pool. About 30-40 bytes per person
 * including the pool. Ids match byte for byte (after the CSV trimming of spaces), so "007" and "7" are
 * different persons. When every id is a canonical non-negative decimal integer (no sign or leading zero)
 * and the largest is below 4n + 1024, building ends by replacing the tables with a direct int[] map
 * (4 bytes per possible id, one memory access per lookup). Lookups are thread-safe once building is finished.
 */
public final class PersonIndex {
    private long[] slots;
    private int mask;
    private byte[] pool = new byte[1 << 16];
    private int[] offsets = new int[1025];
    private int size, lsize;

    // short ids: (packed key, index) pairs side by side so a lookup touches one cache line
    private long[] stable = new long[2 << 12];
    private int smask = (1 << 12) - 1, ssize;

    public PersonIndex() {
        slots = new long[1 << 12];
        mask = slots.length - 1;
    }

    /** The bytes packed into a long, or 0 when they do not fit (more than 8 bytes, or a NUL byte). */
    static long pack(byte[] b, int s, int e) {
        if (e - s > 8) return 0;
        long k = 0;
        for (int i = s; i < e; i++) {
            if (b[i] == 0) return 0;
            k = (k << 8) | (b[i] & 0xff);
        }
        return k;
    }

    static int mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return (int) k;
    }

    private int findShort(long k) {
        final long[] t = stable;
        int i = (mix(k) & smask) << 1;
        while (true) {
            long v = t[i];
            if (v == k) return (int) t[i + 1];
            if (v == 0) return -1;
            i = (i + 2) & (t.length - 1);
        }
    }

    public int size() { return size; }

    // direct addressing when every id is a canonical non-negative decimal integer (no sign, no leading
    // zero) and they are dense enough: direct[value] = index. A text that is not canonical cannot equal
    // any stored id then, so it is simply not found.
    private boolean allCanonical = true;
    private long maxCanonical = -1;
    private int[] direct;

    /** The value of a canonical decimal integer text of at most 10 digits, or -1. */
    static long canonical(byte[] b, int s, int e) {
        int n = e - s;
        if (n < 1 || n > 10 || (b[s] == '0' && n > 1)) return -1;
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    /** The id text of index i. */
    public String id(int i) {
        return new String(pool, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
    }

    static int hash(byte[] b, int s, int e) {
        int h = 0x811C9DC5;
        for (int i = s; i < e; i++) h = (h ^ b[i]) * 0x01000193;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        return h;
    }

    /** Index of the id in b[s, e), or -1. */
    public int find(byte[] b, int s, int e) {
        final int[] d = direct;
        if (d != null) {
            long v = canonical(b, s, e);
            return v < 0 || v >= d.length ? -1 : d[(int) v];
        }
        long k = pack(b, s, e);
        if (k != 0) return findShort(k);
        if (e == s) return -1;
        int h = hash(b, s, e);
        int i = h & mask;
        final long[] sl = slots;
        while (true) {
            long v = sl[i];
            if (v == 0) return -1;
            if ((int) (v >>> 32) == h) {
                int idx = (int) v - 1;
                int o = offsets[idx], len = offsets[idx + 1] - o;
                if (len == e - s && Arrays.equals(pool, o, o + len, b, s, e)) return idx;
            }
            i = (i + 1) & mask;
        }
    }

    public int find(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return find(b, 0, b.length);
    }

    /** Adds the id; returns its new index, or -(existing index + 1) when it is already present. */
    int add(byte[] b, int s, int e) {
        if (allCanonical) {
            long v = canonical(b, s, e);
            if (v < 0 || v >= Integer.MAX_VALUE) allCanonical = false;
            else maxCanonical = Math.max(maxCanonical, v);
        }
        long k = pack(b, s, e);
        if (k != 0) {
            int found = findShort(k);
            if (found >= 0) return -(found + 1);
            int idx = append(b, s, e);
            putShort(stable, smask, k, idx);
            if (++ssize * 2L > smask + 1) rehashShort();
            return idx;
        }
        int h = hash(b, s, e);
        int i = h & mask;
        while (true) {
            long v = slots[i];
            if (v == 0) break;
            if ((int) (v >>> 32) == h) {
                int idx = (int) v - 1;
                int o = offsets[idx], len = offsets[idx + 1] - o;
                if (len == e - s && Arrays.equals(pool, o, o + len, b, s, e)) return -(idx + 1);
            }
            i = (i + 1) & mask;
        }
        int idx = append(b, s, e);
        slots[i] = ((long) h << 32) | (idx + 1L);
        if (++lsize * 2L > slots.length) rehash();
        return idx;
    }

    private int append(byte[] b, int s, int e) {
        int idx = size;
        int len = e - s;
        if (offsets[idx] + len > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, offsets[idx] + len));
        System.arraycopy(b, s, pool, offsets[idx], len);
        if (idx + 2 > offsets.length) offsets = Arrays.copyOf(offsets, offsets.length * 2);
        offsets[idx + 1] = offsets[idx] + len;
        size++;
        return idx;
    }

    private static void putShort(long[] t, int mask, long k, int idx) {
        int i = (mix(k) & mask) << 1;
        while (t[i] != 0) i = (i + 2) & (t.length - 1);
        t[i] = k;
        t[i + 1] = idx;
    }

    private void rehashShort() {
        long[] old = stable;
        stable = new long[old.length * 2];
        smask = stable.length / 2 - 1;
        for (int j = 0; j < old.length; j += 2) if (old[j] != 0) putShort(stable, smask, old[j], (int) old[j + 1]);
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long v : old) {
            if (v == 0) continue;
            int i = (int) (v >>> 32) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = v;
        }
    }

    /** Releases spare capacity of the id pool once building is done. */
    void trim() {
        pool = Arrays.copyOf(pool, offsets[size]);
        offsets = Arrays.copyOf(offsets, size + 1);
        if (allCanonical && size > 0 && maxCanonical < 4L * size + 1024) {
            int[] d = new int[(int) maxCanonical + 1];
            Arrays.fill(d, -1);
            byte[] buf = pool;
            for (int i = 0; i < size; i++) d[(int) canonical(buf, offsets[i], offsets[i + 1])] = i;
            direct = d;
            stable = null; // the hash tables are no longer needed
            slots = null;
        }
    }
}
