package ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * person_id text -> dense index 0..n-1 (in people.csv order), no object per person. Ids match byte for
 * byte (after the CSV trimming of spaces), so "007" and "7" are different persons.
 * <ul>
 * <li><b>Direct</b> (the usual case): while every id is a canonical non-negative decimal integer (no sign,
 *     no leading zero) below 4n + 2^20, {@code direct[value] = index}: one array access per lookup, 4 bytes
 *     per possible id. A text that is not canonical cannot equal any stored id, so it is simply not found.</li>
 * <li><b>Hash</b> otherwise (the index switches once, re-inserting the ids seen so far): ids of 1-8 bytes
 *     are packed into a long and found with one comparison in a table of (key, index) pairs side by side;
 *     longer ids go to a table of (32-bit hash, index+1) slots compared against the id bytes in a pool.
 *     If at the end all ids turn out canonical and dense, the tables are replaced by the direct map.</li>
 * </ul>
 * The ids' bytes are kept in one pool (for {@link #id}). Lookups are thread-safe once building is finished.
 */
public final class PersonIndex {
    private byte[] pool = new byte[1 << 16];
    private int[] offsets = new int[1025];
    private int size;

    private int[] direct = filled(1024);
    private long maxCanonical = -1;
    private boolean allCanonical = true;

    private long[] stable;          // short ids: (packed key, index) pairs
    private int smask, ssize;
    private long[] slots;           // long ids: (hash << 32 | index + 1)
    private int mask, lsize;

    public int size() { return size; }

    /** The id text of index i. */
    public String id(int i) {
        return new String(pool, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

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

    /** Adds the id; returns its new index, or -(existing index + 1) when it is already present. */
    int add(byte[] b, int s, int e) {
        if (direct != null) {
            long v = canonical(b, s, e);
            if (v >= 0 && v < 4L * (size + 1) + (1 << 20) && v < Integer.MAX_VALUE - 8) {
                if (v >= direct.length) {
                    int[] bigger = filled((int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * direct.length, v + 1)));
                    System.arraycopy(direct, 0, bigger, 0, direct.length);
                    direct = bigger;
                }
                int old = direct[(int) v];
                if (old >= 0) return -(old + 1);
                maxCanonical = Math.max(maxCanonical, v);
                int idx = append(b, s, e);
                direct[(int) v] = idx;
                return idx;
            }
            toHash();
        }
        if (allCanonical) {
            long v = canonical(b, s, e);
            if (v < 0 || v >= Integer.MAX_VALUE - 8) allCanonical = false;
            else maxCanonical = Math.max(maxCanonical, v);
        }
        int found = findHashed(b, s, e);
        if (found >= 0) return -(found + 1);
        int idx = append(b, s, e);
        insertHashed(b, s, e, idx);
        return idx;
    }

    private int findHashed(byte[] b, int s, int e) {
        int[] d = direct;
        direct = null;
        try { return find(b, s, e); } finally { direct = d; }
    }

    private void toHash() {
        direct = null;
        stable = new long[2 * 4096];
        smask = 4095;
        slots = new long[4096];
        mask = 4095;
        ssize = lsize = 0;
        for (int i = 0; i < size; i++) insertHashed(pool, offsets[i], offsets[i + 1], i);
    }

    private void insertHashed(byte[] b, int s, int e, int idx) {
        long k = pack(b, s, e);
        if (k != 0) {
            putShort(stable, smask, k, idx);
            if (++ssize * 2L > smask + 1) {
                long[] old = stable;
                stable = new long[old.length * 2];
                smask = stable.length / 2 - 1;
                for (int j = 0; j < old.length; j += 2) if (old[j] != 0) putShort(stable, smask, old[j], (int) old[j + 1]);
            }
            return;
        }
        int h = hash(b, s, e);
        int i = h & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = ((long) h << 32) | (idx + 1L);
        if (++lsize * 2L > slots.length) {
            long[] old = slots;
            slots = new long[old.length * 2];
            mask = slots.length - 1;
            for (long v : old) {
                if (v == 0) continue;
                int j = (int) (v >>> 32) & mask;
                while (slots[j] != 0) j = (j + 1) & mask;
                slots[j] = v;
            }
        }
    }

    private static void putShort(long[] t, int mask, long k, int idx) {
        int i = (mix(k) & mask) << 1;
        while (t[i] != 0) i = (i + 2) & (t.length - 1);
        t[i] = k;
        t[i + 1] = idx;
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

    /** Ends building: releases spare capacity; switches to the direct map when the ids allow it. */
    void trim() {
        pool = Arrays.copyOf(pool, offsets[size]);
        offsets = Arrays.copyOf(offsets, size + 1);
        if (direct != null) {
            direct = Arrays.copyOf(direct, (int) maxCanonical + 1);
        } else if (allCanonical && size > 0 && maxCanonical < 4L * size + 1024) {
            int[] d = filled((int) maxCanonical + 1);
            for (int i = 0; i < size; i++) d[(int) canonical(pool, offsets[i], offsets[i + 1])] = i;
            direct = d;
            stable = null;
            slots = null;
        }
    }
}
