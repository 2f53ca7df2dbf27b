package ingest;

/**
 * One thread's parser for exposures.csv or site_visits.csv rows. Checks each row in this order and
 * rejects it at the first failure: quoting, field count, text (UTF-8, no control characters), empty
 * required value (in column order), id length (at most {@link IngestOptions#MAX_ID_BYTES}), person known (from people.csv),
 * timestamp parseable, timestamp inside the accepted window. Accepted
 * rows update the shared {@link PersonStats} and, for exposures, {@link CodeExposures} (atomics) and
 * this worker's own aggregate arrays, merged by summation at the end.
 */
final class EventWorker implements ChunkedReader.RowWorker {
    final boolean exposures;
    private final InputFile file;
    private final Fields fields;
    private final int ncols;
    private final int cPerson, cTime, cAd, cChannel;
    private final int[] idColumns;            // person_id (and ad_id, channel_id): capped at MAX_ID_BYTES
    private final PersonIndex index;
    private final PersonStats stats;
    private final Codebook.Local ads, channels;
    private final VisitTimes timing;          // exposures pass: may be null
    private final CodeExposures codes;        // exposures pass only
    // this worker's references to the shared per-code counters and per-cell bitsets (filled on first sight)
    private final byte[][] adCounts, chCounts;
    private final long[][] cellBits;
    final VisitTimes.Buffer visitBuffer;      // visits pass with timing on, else null
    EventTimes.Buffer events;                 // exposures pass when the caller keeps event times, else null
    private final long from, to;
    private final int offset;
    private final long day0;
    private final int weekday0; // weekday of day0, 0 = Monday (1970-01-01 was a Thursday)
    private final String windowText;

    // aggregates (exposures or visits, by the pass)
    final long[] byAd = new long[Codebook.MAX];
    final long[] byChannel = new long[Codebook.MAX];
    final long[] adChannel = new long[Codebook.MAX * Codebook.MAX];
    final long[] byDay;
    final long[] hourWeekday = new long[7 * 24];
    long minTime = Long.MAX_VALUE, maxTime = Long.MIN_VALUE;

    private static final int BATCH = 128;
    private final int[] bPerson = new int[BATCH], bTime = new int[BATCH];
    private final byte[] bAd = new byte[BATCH], bCh = new byte[BATCH];
    private int bn;
    long blackhole; // keeps the prefetching loads of endChunk() from being optimised away

    EventWorker(boolean exposures, InputFile file, int[] cols, PersonIndex index, PersonStats stats,
                Codebook ads, Codebook channels, CodeExposures codes, VisitTimes timing, boolean bufferVisits, TimeWindow w, int offset) {
        this.exposures = exposures;
        this.file = file;
        this.ncols = file.header.size();
        this.fields = new Fields(ncols);
        this.cPerson = cols[0];
        this.cTime = cols[1];
        this.cAd = exposures ? cols[2] : -1;
        this.cChannel = exposures ? cols[3] : -1;
        this.idColumns = exposures ? new int[]{cPerson, cAd, cChannel} : new int[]{cPerson};
        this.index = index;
        this.stats = stats;
        this.ads = exposures ? ads.new Local() : null;
        this.channels = exposures ? channels.new Local() : null;
        this.timing = timing;
        this.codes = codes;
        this.adCounts = exposures ? new byte[Codebook.MAX][] : null;
        this.chCounts = exposures ? new byte[Codebook.MAX][] : null;
        this.cellBits = exposures ? new long[Codebook.MAX * Codebook.MAX][] : null;
        this.visitBuffer = bufferVisits ? new VisitTimes.Buffer() : null;
        this.from = w.from();
        this.to = w.to();
        this.offset = offset;
        this.day0 = Math.floorDiv(w.from() + offset, 86400L);
        this.weekday0 = (int) Math.floorMod(day0 + 3, 7L);
        this.byDay = new long[(int) (Math.floorDiv(w.to() + offset, 86400L) - day0 + 1)];
        this.windowText = "a time between " + w.text() ;
    }

    @Override
    public void row(byte[] b, int s, int e, long line, ChunkLog log) {
        Fields f = fields;
        if (!f.split(b, s, e)) {
            if (log.wants(Problem.BAD_QUOTE))
                log.add(Problem.BAD_QUOTE, line, ChunkLog.column(b, s, f.errorPos),
                        "a closing quote followed by a comma or the line end", ChunkLog.found(b, f.errorPos, e));
            else log.count(Problem.BAD_QUOTE);
            return;
        }
        if (f.count != ncols) {
            if (log.wants(Problem.FIELD_COUNT)) {
                int at = f.count > ncols ? f.errorPos : e;
                log.add(Problem.FIELD_COUNT, line, ChunkLog.column(b, s, at),
                        ncols + " fields (" + String.join(",", file.header) + ")", f.count + " fields");
            } else log.count(Problem.FIELD_COUNT);
            return;
        }
        int bad = TextCheck.firstBad(b, s, e);
        if (bad >= 0) { log.badText(b, s, bad, f, file.header, line); return; }
        for (int c = 0; c < ncols; c++) {
            if ((c == cPerson || c == cTime || c == cAd || c == cChannel) && f.isEmpty(c)) {
                if (log.wants(Problem.MISSING_VALUE))
                    log.add(Problem.MISSING_VALUE, line, ChunkLog.column(b, s, f.pos[c]),
                            "a value in column '" + file.header.get(c) + "'", "an empty field");
                else log.count(Problem.MISSING_VALUE);
                return;
            }
        }
        for (int c : idColumns) {
            if (f.end[c] - f.start[c] > IngestOptions.MAX_ID_BYTES) {
                log.tooLong(b, s, f, c, file.header, IngestOptions.MAX_ID_BYTES, "ids and labels", line);
                return;
            }
        }
        int p = index.find(f.src[cPerson], f.start[cPerson], f.end[cPerson]);
        if (p < 0) {
            if (log.wants(Problem.UNKNOWN_PERSON))
                log.add(Problem.UNKNOWN_PERSON, line, ChunkLog.column(b, s, f.pos[cPerson]),
                        "a person_id listed in people.csv", Issue.quote(f.string(cPerson)));
            else log.count(Problem.UNKNOWN_PERSON);
            return;
        }
        long t = Timestamps.parse(f.src[cTime], f.start[cTime], f.end[cTime], offset);
        if (t == Timestamps.INVALID) {
            if (log.wants(Problem.BAD_TIMESTAMP))
                log.add(Problem.BAD_TIMESTAMP, line, ChunkLog.column(b, s, f.pos[cTime]),
                        Timestamps.EXPECTED, Issue.quote(f.string(cTime)));
            else log.count(Problem.BAD_TIMESTAMP);
            return;
        }
        if (t < from || t > to) {
            if (log.wants(Problem.TIME_OUT_OF_RANGE))
                log.add(Problem.TIME_OUT_OF_RANGE, line, ChunkLog.column(b, s, f.pos[cTime]),
                        windowText, Issue.quote(f.string(cTime)));
            else log.count(Problem.TIME_OUT_OF_RANGE);
            return;
        }
        int rel = (int) (t - PersonStats.BASE);
        long x = t + offset - day0 * 86400L; // >= 0: seconds since the window's first local midnight
        int day = (int) (x / 86400L);
        int hour = (int) (x - day * 86400L) / 3600;
        int weekday = (day + weekday0) % 7;
        byDay[day]++;
        hourWeekday[weekday * 24 + hour]++;
        if (t < minTime) minTime = t;
        if (t > maxTime) maxTime = t;
        if (exposures) {
            int ad = ads.code(f.src[cAd], f.start[cAd], f.end[cAd]);
            int ch = channels.code(f.src[cChannel], f.start[cChannel], f.end[cChannel]);
            byAd[ad]++;
            byChannel[ch]++;
            int cell = ad * Codebook.MAX + ch;
            adChannel[cell]++;
            if (adCounts[ad] == null) adCounts[ad] = codes.ad(ad);
            if (chCounts[ch] == null) chCounts[ch] = codes.channel(ch);
            if (cellBits[cell] == null) cellBits[cell] = codes.cell(cell);
            if (events != null) events.add(p, rel, ad, ch);
            bAd[bn] = (byte) ad;
            bCh[bn] = (byte) ch;
        } else if (visitBuffer != null) visitBuffer.add(p, rel);
        bPerson[bn] = p;
        bTime[bn] = rel;
        if (++bn == BATCH) endChunk();
        log.rowsAccepted++;
    }

    /**
     * Per-person updates are batched: with rows in random person order each touches a cache line nobody
     * has touched lately, so a first loop only loads those lines (independent loads the CPU overlaps),
     * and a second loop does the atomic updates on lines already in cache.
     */
    @Override
    public void endChunk() {
        int n = bn;
        if (n == 0) return;
        final int[] bp = bPerson, bt = bTime;
        long sink = 0;
        if (exposures) {
            final int[] e = stats.exp;
            final byte[] ba = bAd, bc = bCh;
            for (int i = 0; i < n; i++) {
                int p = bp[i];
                sink += e[p << 3] + adCounts[ba[i]][p] + chCounts[bc[i]][p] + cellBits[ba[i] * Codebook.MAX + bc[i]][p >>> 6];
            }
            if (timing != null) {
                final int[] tb = timing.tb;
                for (int i = 0; i < n; i++) {
                    int o = e[(bp[i] << 3) + 7];
                    if (o < timing.count) sink += tb[2 * o];
                }
            }
            for (int i = 0; i < n; i++) {
                int p = bp[i], ad = ba[i], ch = bc[i];
                stats.exposure(p, bt[i], ad, ch);
                CodeExposures.increment(adCounts[ad], p);
                CodeExposures.increment(chCounts[ch], p);
                CodeExposures.set(cellBits[ad * Codebook.MAX + ch], p);
                if (timing != null) timing.exposure(bp[i], bt[i]);
            }
        } else {
            final int[] v = stats.vis;
            for (int i = 0; i < n; i++) sink += v[bp[i] * 3];
            for (int i = 0; i < n; i++) stats.visit(bp[i], bt[i]);
        }
        blackhole += sink;
        bn = 0;
    }
}
