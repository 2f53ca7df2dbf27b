package ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Per-person accumulators shared by all worker threads, updated with atomic operations (add, CAS min/max,
 * bitwise or), which commute, so the result does not depend on thread count or order. Times are int
 * seconds since {@link #BASE} (2000-01-01T00:00:00Z), which covers 1931-2068.
 * Layout, chosen so one exposure touches one 32-byte record: {@code exp[8p..8p+7]} = count, first, last,
 * ad-set low/high 32 bits, channel-set low/high 32 bits, start of the person's visits in {@link VisitTimes}
 * (so the exposure pass finds them without another cache miss); {@code vis[3p..3p+2]} = count, first, last.
 * Memory: 44 bytes per person.
 */
final class PersonStats {
    static final long BASE = 946_684_800L;
    static final VarHandle INT = MethodHandles.arrayElementVarHandle(int[].class);

    final int n;
    final int[] exp;
    final int[] vis;

    PersonStats(int n) {
        this.n = n;
        exp = new int[(n + 1) * 8]; // one extra record: the end offset of the last person's visits
        vis = new int[n * 3];
        for (int p = 0; p < n; p++) {
            exp[8 * p + 1] = Integer.MAX_VALUE;
            exp[8 * p + 2] = Integer.MIN_VALUE;
            vis[3 * p + 1] = Integer.MAX_VALUE;
            vis[3 * p + 2] = Integer.MIN_VALUE;
        }
    }

    static void add(int[] a, int i) { INT.getAndAdd(a, i, 1); }

    static void min(int[] a, int i, int v) {
        int cur = a[i];
        while (v < cur) {
            if (INT.compareAndSet(a, i, cur, v)) return;
            cur = (int) INT.getVolatile(a, i);
        }
    }

    static void max(int[] a, int i, int v) {
        int cur = a[i];
        while (v > cur) {
            if (INT.compareAndSet(a, i, cur, v)) return;
            cur = (int) INT.getVolatile(a, i);
        }
    }

    static void or(int[] a, int i, int bit) {
        if ((a[i] & bit) == 0) INT.getAndBitwiseOr(a, i, bit);
    }

    void exposure(int p, int t, int ad, int ch) {
        int o = p << 3;
        int[] a = exp;
        add(a, o);
        min(a, o + 1, t);
        max(a, o + 2, t);
        or(a, o + 3 + (ad >>> 5), 1 << (ad & 31));
        or(a, o + 5 + (ch >>> 5), 1 << (ch & 31));
    }

    void visit(int p, int t) {
        int o = p * 3;
        add(vis, o);
        min(vis, o + 1, t);
        max(vis, o + 2, t);
    }

    int exposures(int p) { return exp[p << 3]; }
    int visits(int p) { return vis[p * 3]; }

    long adSet(int p) { return (exp[(p << 3) + 3] & 0xFFFFFFFFL) | ((long) exp[(p << 3) + 4] << 32); }
    long channelSet(int p) { return (exp[(p << 3) + 5] & 0xFFFFFFFFL) | ((long) exp[(p << 3) + 6] << 32); }

    static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
