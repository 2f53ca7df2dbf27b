package ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-person event times for the visit-lift analysis (exposure -> visit delays, lift per ad and channel):
 * every accepted exposure's time, ad and channel, and every accepted visit's time, per person in the
 * persons table's row order (CSR: person p's exposures are {@code exposureStart(p) .. exposureEnd(p)-1},
 * sorted by time; ad and channel codes index {@link #adLabels()} / {@link #channelLabels()} and, like
 * ingestion's codebooks, follow the order of first sight, so compare labels, not codes). Times are whole seconds since 2000-01-01T00:00:00Z ({@link #epochSecond}).
 *
 * <p>Ingestion keeps events out of memory unless asked: pass a {@link Collector} to
 * {@link Ingest#load(java.nio.file.Path, IngestOptions, Collector)}. Memory: 6 bytes per exposure and
 * 4 per visit, plus 8 per person (12 more bytes per exposure for a moment while the buffers of the
 * exposure pass become the CSR arrays). Needs visit timing on (the default), whose visit times it reuses.
 */
public final class EventTimes {
    private final int[] expOff, expTime, visOff, visTime;
    private final short[] expCode; // ad << 6 | channel (Codebook.MAX = 64)
    private final List<String> ads, channels;

    private EventTimes(int[] expOff, int[] expTime, short[] expCode, int[] visOff, int[] visTime, List<String> ads, List<String> channels) {
        this.expOff = expOff;
        this.expTime = expTime;
        this.expCode = expCode;
        this.visOff = visOff;
        this.visTime = visTime;
        this.ads = List.copyOf(ads);
        this.channels = List.copyOf(channels);
    }

    public int persons() { return expOff.length - 1; }
    public int exposures() { return expTime.length; }
    public int visits() { return visTime.length; }
    public int exposureStart(int p) { return expOff[p]; }
    public int exposureEnd(int p) { return expOff[p + 1]; }
    public int exposureTime(int i) { return expTime[i]; }
    /** Ad code of exposure i: an index into {@link #adLabels()}. */
    public int ad(int i) { return expCode[i] >>> 6; }
    /** Channel code of exposure i: an index into {@link #channelLabels()}. */
    public int channel(int i) { return expCode[i] & 63; }
    public int visitStart(int p) { return visOff[p]; }
    public int visitEnd(int p) { return visOff[p + 1]; }
    public int visitTime(int i) { return visTime[i]; }
    public List<String> adLabels() { return ads; }
    public List<String> channelLabels() { return channels; }
    public static long epochSecond(int t) { return t + PersonStats.BASE; }

    /** For tests and JShell: event times from plain arrays (CSR offsets, times sorted within a person). */
    public static EventTimes of(int[] expOff, int[] expTime, int[] expAd, int[] expChannel, int[] visOff, int[] visTime,
                                List<String> ads, List<String> channels) {
        if (expOff.length != visOff.length) throw new IllegalArgumentException("exposure and visit offsets differ in length");
        if (ads.size() > Codebook.MAX || channels.size() > Codebook.MAX) throw new IllegalArgumentException("at most " + Codebook.MAX + " ads and channels");
        short[] code = new short[expTime.length];
        for (int i = 0; i < code.length; i++) {
            if (expAd[i] < 0 || expAd[i] >= ads.size() || expChannel[i] < 0 || expChannel[i] >= channels.size())
                throw new IllegalArgumentException("exposure " + i + " has an ad or channel code out of range");
            code[i] = (short) (expAd[i] << 6 | expChannel[i]);
        }
        return new EventTimes(expOff.clone(), expTime.clone(), code, visOff.clone(), visTime.clone(), ads, channels);
    }

    /** Append-only (person, time, ad << 6 | channel) triples of one exposure worker, in blocks (no copying on growth). */
    static final class Buffer {
        private static final int B = 3 << 15;
        final List<int[]> blocks = new ArrayList<>();
        private int[] cur;
        private int pos = B;
        long size;

        void add(int person, int t, int ad, int ch) {
            if (pos == B) { cur = new int[B]; blocks.add(cur); pos = 0; }
            cur[pos++] = person;
            cur[pos++] = t;
            cur[pos++] = ad << 6 | ch;
            size++;
        }
    }

    /**
     * Hands ingestion one buffer per exposure worker and builds the {@link EventTimes} at the end of the
     * exposure pass. One collector serves one load.
     */
    public static final class Collector {
        private final List<Buffer> buffers = new ArrayList<>();
        private EventTimes result;

        synchronized Buffer newBuffer() {
            Buffer b = new Buffer();
            buffers.add(b);
            return b;
        }

        /** The event times of the load this collector was passed to. */
        public synchronized EventTimes result() {
            if (result == null) throw new IllegalStateException("no event times: pass this collector to Ingest.load first");
            return result;
        }

        synchronized void finish(PersonStats st, VisitTimes vt, List<String> adLabels, List<String> channelLabels) {
            if (vt == null) throw new IngestException("event times need visit timing on (IngestOptions.withVisitTiming(true))");
            int n = st.n;
            int[] off = new int[n + 1];
            long total = 0;
            for (int p = 0; p < n; p++) {
                off[p] = (int) total;
                total += st.exposures(p);
                if (total > Integer.MAX_VALUE - 8) throw new IngestException("more than 2^31 exposures: too many to keep their times");
            }
            off[n] = (int) total;
            // one long per exposure (time << 12 | code) so a plain sort orders by time, then ad and channel:
            // the result does not depend on the thread count
            long[] packed = new long[(int) total];
            int[] cursor = Arrays.copyOf(off, n);
            for (Buffer b : buffers) {
                long left = b.size * 3;
                for (int[] blk : b.blocks) {
                    int m = (int) Math.min(blk.length, left);
                    for (int i = 0; i < m; i += 3) packed[cursor[blk[i]]++] = ((long) blk[i + 1] << 12) | blk[i + 2];
                    left -= m;
                }
                b.blocks.clear();
            }
            for (int p = 0; p < n; p++) if (cursor[p] != off[p + 1])
                throw new IllegalStateException("internal error: person " + p + " has " + (cursor[p] - off[p]) + " buffered exposures, counted " + (off[p + 1] - off[p]));
            cursor = null;
            int[] time = new int[packed.length];
            short[] code = new short[packed.length];
            final int[] o = off;
            java.util.stream.IntStream.range(0, 32).parallel().forEach(c -> {
                for (int p = (int) ((long) n * c / 32), to = (int) ((long) n * (c + 1) / 32); p < to; p++) {
                    if (o[p + 1] - o[p] > 1) Arrays.sort(packed, o[p], o[p + 1]);
                    for (int i = o[p]; i < o[p + 1]; i++) { time[i] = (int) (packed[i] >> 12); code[i] = (short) (packed[i] & 0xFFF); }
                }
            });
            int[] vtime = new int[vt.count];
            for (int i = 0; i < vtime.length; i++) vtime[i] = vt.time(i);
            result = new EventTimes(off, time, code, vt.off.clone(), vtime, adLabels, channelLabels);
            buffers.clear();
        }
    }
}
