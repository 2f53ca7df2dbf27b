package ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exposure-visit timing structure. To answer "share of visits within 1/24/72 hours after an exposure"
 * exactly, one side's event times must be kept; this keeps the visits' (usually the smaller file):
 * per person their sorted times ({@code time}, CSR by {@code off}) and, per visit, the latest exposure at
 * or before it ({@code best}). Exposures are never stored: during the exposure pass each exposure at time
 * t is sent to the first visit of its person at or after t (binary search) as a CAS max; a prefix max per
 * person at the end gives every visit its latest earlier exposure. Memory: 4 bytes per person plus 8 bytes
 * per visit (up to 20 per visit for a moment while the visit pass's buffers become the CSR arrays).
 */
final class VisitTimes {
    static final int NONE = Integer.MIN_VALUE;

    final int[] off;
    /** pairs: tb[2i] = time of visit i, tb[2i+1] = latest exposure at or before it (one cache line) */
    final int[] tb;
    final int count;
    private final int[] exp; // PersonStats.exp: exp[8p+7] = off[p]

    private VisitTimes(int[] off, int[] tb, int[] exp) {
        this.off = off;
        this.tb = tb;
        this.count = tb.length / 2;
        this.exp = exp;
    }

    int time(int i) { return tb[2 * i]; }
    int best(int i) { return tb[2 * i + 1]; }

    /** Append-only (person, time) pairs of one worker, in 64 Ki blocks (no copying on growth). */
    static final class Buffer {
        private static final int B = 1 << 16;
        final List<int[]> blocks = new ArrayList<>();
        private int[] cur;
        private int pos = B;
        long size;

        void add(int person, int t) {
            if (pos == B) { cur = new int[B]; blocks.add(cur); pos = 0; }
            cur[pos++] = person;
            cur[pos++] = t;
            size++;
        }
    }

    static VisitTimes build(PersonStats st, List<Buffer> buffers) {
        int n = st.n;
        int[] off = new int[n + 1];
        long total = 0;
        for (int p = 0; p < n; p++) {
            off[p] = (int) total;
            total += st.visits(p);
            if (total > Integer.MAX_VALUE - 8)
                throw new IngestException("more than 2^31 site visits: run with visit timing off (IngestOptions.withVisitTiming(false))");
        }
        off[n] = (int) total;
        if (total > Integer.MAX_VALUE / 2 - 8)
            throw new IngestException("more than 2^30 site visits: run with visit timing off (IngestOptions.withVisitTiming(false))");
        int[] time = new int[(int) total];
        int[] cursor = Arrays.copyOf(off, n);
        for (Buffer b : buffers) {
            long left = b.size * 2;
            for (int[] blk : b.blocks) {
                int m = (int) Math.min(blk.length, left);
                for (int i = 0; i < m; i += 2) time[cursor[blk[i]]++] = blk[i + 1];
                left -= m;
            }
            b.blocks.clear();
        }
        cursor = null;
        for (int p = 0; p < n; p++) if (off[p + 1] - off[p] > 1) Arrays.sort(time, off[p], off[p + 1]);
        int[] tb = new int[time.length * 2];
        for (int i = 0; i < time.length; i++) { tb[2 * i] = time[i]; tb[2 * i + 1] = NONE; }
        for (int p = 0; p <= n; p++) st.exp[8 * p + 7] = off[p];
        return new VisitTimes(off, tb, st.exp);
    }

    /** An exposure of person p at time t (called concurrently). */
    void exposure(int p, int t) {
        final int[] e = exp;
        int lo = e[8 * p + 7], end = e[8 * p + 15], hi = end;
        if (lo == hi) return;
        final int[] a = tb;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[2 * mid] < t) lo = mid + 1;
            else hi = mid;
        }
        if (lo < end) PersonStats.max(a, 2 * lo + 1, t);
    }

    /** After the exposure pass: best(i) = latest exposure at or before visit i (or NONE). */
    void finish() {
        for (int p = 0; p + 1 < off.length; p++) {
            int m = NONE;
            for (int i = off[p]; i < off[p + 1]; i++) {
                if (tb[2 * i + 1] > m) m = tb[2 * i + 1];
                tb[2 * i + 1] = m;
            }
        }
    }
}
