package ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * person_id text -> dense index 0..n-1 (in people.csv order), primitive open addressing, no object per
 * person. Ids of 1-8 bytes (the usual case: integers, short codes) are packed into a long and found with
 * one long comparison (table {@code skeys}/{@code svals}); longer ids go to a second table of
 * (32-bit hash, index+1) slots compared against the id bytes in a pool. About 30-40 bytes per person
 * including the pool. Ids match byte for byte (after the CSV trimming of spaces), so "007" and "7" are
 * different persons. Lookups are thread-safe once building is finished.
 */
public final class PersonIndex {
    private long[] slots;
    private int mask;
    private byte[] pool = new byte[1 << 16];
    private int[] offsets = new int[1025];
    private int size, lsize;

    private long[] skeys = new long[1 << 12];
    private int[] svals = new int[1 << 12];
    private int smask = skeys.length - 1, ssize;

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
        int i = mix(k) & smask;
        final long[] ks = skeys;
        while (true) {
            long v = ks[i];
            if (v == k) return svals[i];
            if (v == 0) return -1;
            i = (i + 1) & smask;
        }
    }

    public int size() { return size; }

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
        long k = pack(b, s, e);
        if (k != 0) {
            int found = findShort(k);
            if (found >= 0) return -(found + 1);
            int idx = append(b, s, e);
            int i = mix(k) & smask;
            while (skeys[i] != 0) i = (i + 1) & smask;
            skeys[i] = k;
            svals[i] = idx;
            if (++ssize * 2L > skeys.length) rehashShort();
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

    private void rehashShort() {
        long[] ok = skeys;
        int[] ov = svals;
        skeys = new long[ok.length * 2];
        svals = new int[ok.length * 2];
        smask = skeys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] == 0) continue;
            int i = mix(ok[j]) & smask;
            while (skeys[i] != 0) i = (i + 1) & smask;
            skeys[i] = ok[j];
            svals[i] = ov[j];
        }
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
    }
}
