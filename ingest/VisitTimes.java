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
 * per visit (12 per visit while the visit pass's buffers are turned into the CSR arrays).
 */
final class VisitTimes {
    static final int NONE = Integer.MIN_VALUE;

    final int[] off;
    final int[] time;
    final int[] best;

    private VisitTimes(int[] off, int[] time) {
        this.off = off;
        this.time = time;
        this.best = PersonStats.filled(time.length, NONE);
    }

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
        return new VisitTimes(off, time);
    }

    /** An exposure of person p at time t (called concurrently). */
    void exposure(int p, int t) {
        int lo = off[p], hi = off[p + 1];
        if (lo == hi) return;
        final int[] tm = time;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tm[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        if (lo < off[p + 1]) PersonStats.max(best, lo, t);
    }

    /** After the exposure pass: best[i] = latest exposure at or before visit i (or NONE). */
    void finish() {
        for (int p = 0; p + 1 < off.length; p++) {
            int m = NONE;
            for (int i = off[p]; i < off[p + 1]; i++) {
                if (best[i] > m) m = best[i];
                best[i] = m;
            }
        }
    }
}
