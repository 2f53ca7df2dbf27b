package ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-person exposure counts per ad and per channel, and per-person presence per ad x channel cell,
 * shared by all worker threads of the exposure pass. Each ad or channel code gets a {@code byte[people]}
 * of saturating counters (0, 1, ..., {@link #CAP}, where CAP means "CAP or more") and each ad x channel
 * cell a bitset over people, allocated when a worker first sees the code or cell. Updates are a
 * saturating CAS increment and a bitwise or, which commute, so the result does not depend on thread
 * count or order (like {@link PersonStats}).
 * Memory: people x (ads + channels) bytes plus people / 8 bytes per ad x channel cell seen; at 1M people,
 * 6 ads, 30 channels and 180 cells: 36 MB + 22.5 MB. Worst case at the {@link Codebook#MAX} limits
 * (64 ads, 64 channels, every cell seen): 128 + 512 bytes per person.
 */
final class CodeExposures {
    /** Counters saturate here: the frequency buckets are 1, 2, ..., CAP-1 and CAP+. */
    static final int CAP = Aggregates.FREQUENCY_CAP;
    static final VarHandle BYTE = MethodHandles.arrayElementVarHandle(byte[].class);
    static final VarHandle LONG = MethodHandles.arrayElementVarHandle(long[].class);

    final int n;
    private final byte[][] ad = new byte[Codebook.MAX][], channel = new byte[Codebook.MAX][];
    private final long[][] cell = new long[Codebook.MAX * Codebook.MAX][];

    CodeExposures(int n) { this.n = n; }

    /** The counters of ad code c (allocated on first request; workers cache the reference). */
    synchronized byte[] ad(int c) {
        byte[] a = ad[c];
        return a != null ? a : (ad[c] = new byte[n]);
    }

    synchronized byte[] channel(int c) {
        byte[] a = channel[c];
        return a != null ? a : (channel[c] = new byte[n]);
    }

    /** The bitset of cell {@code ad * Codebook.MAX + channel}. */
    synchronized long[] cell(int c) {
        long[] a = cell[c];
        return a != null ? a : (cell[c] = new long[(n + 63) >>> 6]);
    }

    /** Saturating increment of a[p] (stops at {@link #CAP}); a plain read first, so saturated counters are never written. */
    static void increment(byte[] a, int p) {
        int cur = a[p];
        while (cur < CAP) {
            if (BYTE.compareAndSet(a, p, (byte) cur, (byte) (cur + 1))) return;
            cur = (byte) BYTE.getVolatile(a, p);
        }
    }

    static void set(long[] bits, int p) {
        int w = p >>> 6;
        long bit = 1L << p;
        if ((bits[w] & bit) == 0) LONG.getAndBitwiseOr(bits, w, bit);
    }

    // The readers below run after the pass (its worker threads have finished), unsynchronized so that
    // several threads can scan different codes at once.

    /** Element k = people seen exactly k+1 times (the last: CAP or more) by ad code c; all zeros if never seen. */
    long[] adFrequency(int c) { return frequency(ad[c]); }

    long[] channelFrequency(int c) { return frequency(channel[c]); }

    /** People with the cell's bit set. */
    long cellReach(int c) {
        long[] b = cell[c];
        long r = 0;
        if (b != null) for (long w : b) r += Long.bitCount(w);
        return r;
    }

    private static long[] frequency(byte[] a) {
        long[] h = new long[CAP + 1];
        if (a != null) for (byte v : a) h[v]++;
        long[] out = new long[CAP];
        System.arraycopy(h, 1, out, 0, CAP);
        return out;
    }

    /** Bytes held (for benchmarks and docs). */
    synchronized long bytes() {
        long b = 0;
        for (byte[] a : ad) if (a != null) b += a.length;
        for (byte[] a : channel) if (a != null) b += a.length;
        for (long[] a : cell) if (a != null) b += 8L * a.length;
        return b;
    }
}
