package ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.stream.IntStream;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.datetimes.PackedLocalDateTime;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.times.PackedLocalTime;

/**
 * Entry point of the data layer. From JShell:
 * <pre>{@code
 * var d = ingest.Ingest.load(java.nio.file.Path.of("data"));
 * System.out.print(d.report().toText());
 * d.persons().summary();  d.aggregates().byAd();
 * }</pre>
 * Order of work: people.csv (two streaming passes) -> time window (sample of both event files) ->
 * site_visits (one parallel pass) -> exposures (one parallel pass, which also resolves the visit timing)
 * -> aggregates and the per-person table. See {@link IngestOptions} for threads, strict mode, zone.
 */
public final class Ingest {
    private Ingest() {}

    public static final List<String> EXPOSURE_COLUMNS = List.of("person", "time", "ad_id", "channel_id");
    public static final List<String> VISIT_COLUMNS = List.of("person", "time");

    /** Reads DIR/people.csv, DIR/exposures.csv, DIR/site_visits.csv (each may be .csv.gz instead). */
    public static Dataset load(Path dir) { return load(dir, IngestOptions.defaults()); }

    public static Dataset load(Path dir, IngestOptions o) { return load(dir, o, null); }

    /** As {@link #load(Path, IngestOptions)}, also keeping every exposure's and visit's time in {@code events} (may be null). */
    public static Dataset load(Path dir, IngestOptions o, EventTimes.Collector events) {
        if (!Files.isDirectory(dir)) throw new IngestException("missing folder: " + dir);
        List<String> notes = new ArrayList<>();
        Path people = find(dir, "people"), exposures = find(dir, "exposures"), visits = find(dir, "site_visits");
        for (Path p : List.of(people, exposures, visits)) {
            Path gz = p.resolveSibling(p.getFileName() + ".gz");
            if (Files.exists(gz)) notes.add("note: " + p + " is read; " + gz + " next to it is ignored");
        }
        Dataset d = load(people, exposures, visits, o, events);
        if (notes.isEmpty()) return d;
        List<String> alerts = new ArrayList<>(notes);
        alerts.addAll(d.report().alerts());
        List<FileReport> files = new ArrayList<>();
        for (FileReport f : d.report().files()) {
            List<String> fileNotes = new ArrayList<>(f.notes());
            for (String n : notes) if (n.startsWith("note: " + f.file() + " ")) fileNotes.add(n.substring("note: ".length()));
            files.add(new FileReport(f.file(), f.bytes(), f.gzip(), f.rowsRead(), f.rowsAccepted(), f.problems(), f.seconds(), fileNotes));
        }
        return new Dataset(d.people(), d.persons(), d.demographics(), d.aggregates(), new IngestReport(files, alerts), d.window());
    }

    static Path find(Path dir, String base) {
        Path plain = dir.resolve(base + ".csv"), gz = dir.resolve(base + ".csv.gz");
        if (Files.exists(plain)) return plain;
        if (Files.exists(gz)) return gz;
        throw new IngestException("missing file: " + plain + " (also looked for " + gz.getFileName() + ")");
    }

    public static Dataset load(Path peoplePath, Path exposuresPath, Path visitsPath, IngestOptions o) {
        return load(peoplePath, exposuresPath, visitsPath, o, null);
    }

    public static Dataset load(Path peoplePath, Path exposuresPath, Path visitsPath, IngestOptions o, EventTimes.Collector events) {
        TablesawInit.start(); // overlaps Tablesaw's class-path scan with the reading passes
        long tStart = System.nanoTime();
        PeopleReader.Started started = PeopleReader.start(peoplePath, o);
        phase("people pass 1", tStart);
        // people.csv's second pass (typed columns) overlaps the event passes; it needs only the index
        FutureTask<PeopleReader.People> peopleRest = new FutureTask<>(started.rest()::get);
        Thread restThread = new Thread(peopleRest, "ingest-people");
        restThread.start();
        try {
            return loadEvents(started.index(), peopleRest, exposuresPath, visitsPath, o, events);
        } finally {
            peopleRest.cancel(false);
            try { restThread.join(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
    }

    private static PeopleReader.People await(FutureTask<PeopleReader.People> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IngestException("reading people.csv failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted");
        }
    }

    private static Dataset loadEvents(PersonIndex index, FutureTask<PeopleReader.People> peopleRest,
                                      Path exposuresPath, Path visitsPath, IngestOptions o, EventTimes.Collector events) {
        InputFile ef = InputFile.open(exposuresPath, EXPOSURE_COLUMNS);
        InputFile vf = InputFile.open(visitsPath, VISIT_COLUMNS);
        int[] ec = EXPOSURE_COLUMNS.stream().mapToInt(ef::column).toArray();
        int[] vc = VISIT_COLUMNS.stream().mapToInt(vf::column).toArray();
        long tw = System.nanoTime();
        TimeWindow w = TimeWindow.of(o, new InputFile[]{ef, vf}, new int[]{ec[1], vc[1]});
        phase("window", tw);
        int off = o.zone().getTotalSeconds();
        int n = index.size();
        PersonStats st = new PersonStats(n);
        List<String> windowNote = List.of("accepted time window: " + w.text());

        long t0 = System.nanoTime();
        var vr = ChunkedReader.run(vf, o.threads(), o.maxExamples(), o.strict(),
                i -> new EventWorker(false, vf, vc, index, st, null, null, null, null, o.visitTiming(), w, o.zone().getTotalSeconds()));
        failIfStrict(o, vf, vr.logs());
        phase("visits pass", t0);
        long tb = System.nanoTime();
        VisitTimes vt = o.visitTiming() ? VisitTimes.build(st, vr.workers().stream().map(x -> x.visitBuffer).toList()) : null;
        phase("visit times", tb);
        FileReport vrep = ChunkLog.report(vf, 1, vr.logs(), o.maxExamples(), (System.nanoTime() - t0) / 1e9, windowNote);
        Alerts.requireAccepted(vrep);

        long t1 = System.nanoTime();
        Codebook ads = new Codebook(ef.name, "ad_id"), channels = new Codebook(ef.name, "channel_id");
        CodeExposures codes = new CodeExposures(n);
        var er = ChunkedReader.run(ef, o.threads(), o.maxExamples(), o.strict(),
                i -> {
                    EventWorker wk = new EventWorker(true, ef, ec, index, st, ads, channels, codes, vt, false, w, off);
                    if (events != null) wk.events = events.newBuffer();
                    return wk;
                });
        failIfStrict(o, ef, er.logs());
        if (events != null) events.finish(st, vt, ads.labels(), channels.labels());
        if (vt != null) vt.finish();
        FileReport erep = ChunkLog.report(ef, 1, er.logs(), o.maxExamples(), (System.nanoTime() - t1) / 1e9, windowNote);
        Alerts.requireAccepted(erep);

        phase("exposures pass", t1);
        long ta = System.nanoTime();
        Aggregates agg = aggregate(o, w, st, codes, vt, ads.labels(), channels.labels(), er.workers(), vr.workers());
        phase("aggregates", ta);
        long tp = System.nanoTime();
        PeopleReader.People people = await(peopleRest);
        phase("people pass 2", tp);
        tp = System.nanoTime();
        Table persons = persons(people, st, vt, o, w);
        phase("persons table", tp);
        List<String> alerts = new ArrayList<>(people.alerts());
        alerts.addAll(Alerts.of(erep, o.alertShare()));
        alerts.addAll(Alerts.of(vrep, o.alertShare()));
        IngestReport report = new IngestReport(List.of(people.report(), erep, vrep), alerts);
        return new Dataset(people.table(), persons, people.columns(), agg, report, w);
    }

    private static final boolean TRACE = Boolean.getBoolean("ingest.trace");

    /** With -Dingest.trace=true, prints each phase's wall time to stderr. */
    private static void phase(String what, long t0) {
        if (TRACE) System.err.printf("[ingest] %-15s %6.3f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    private static void failIfStrict(IngestOptions o, InputFile f, List<ChunkLog> logs) {
        if (!o.strict()) return;
        Issue first = ChunkLog.firstProblem(f.name, 1, logs);
        if (first != null) throw new IngestException(first);
    }

    private static long[] sum(List<EventWorker> ws, Function<EventWorker, long[]> f) {
        long[] out = new long[f.apply(ws.get(0)).length];
        for (EventWorker w : ws) {
            long[] a = f.apply(w);
            for (int i = 0; i < a.length; i++) out[i] += a[i];
        }
        return out;
    }

    private static Instant instant(long epochSecond) {
        return epochSecond == Long.MAX_VALUE || epochSecond == Long.MIN_VALUE ? null : Instant.ofEpochSecond(epochSecond);
    }

    static Aggregates aggregate(IngestOptions o, TimeWindow w, PersonStats st, CodeExposures codes, VisitTimes vt, List<String> adLabels,
                                List<String> chLabels, List<EventWorker> ew, List<EventWorker> vw) {
        int n = st.n;
        int na = adLabels.size(), nch = chLabels.size();
        long[] adImp = sum(ew, x -> x.byAd), chImp = sum(ew, x -> x.byChannel), adCh = sum(ew, x -> x.adChannel);
        long[] expDay = sum(ew, x -> x.byDay), visDay = sum(vw, x -> x.byDay);
        long[] expHw = sum(ew, x -> x.hourWeekday), visHw = sum(vw, x -> x.hourWeekday);
        long[] adReach = new long[Codebook.MAX], chReach = new long[Codebook.MAX];
        int maxExp = 0, maxVis = 0;
        long exposed = 0, visitors = 0, exposures = 0, visits = 0;
        for (int p = 0; p < n; p++) {
            int e = st.exposures(p), v = st.visits(p);
            maxExp = Math.max(maxExp, e);
            maxVis = Math.max(maxVis, v);
            if (e > 0) exposed++;
            if (v > 0) visitors++;
            exposures += e;
            visits += v;
            for (long m = st.adSet(p); m != 0; m &= m - 1) adReach[Long.numberOfTrailingZeros(m)]++;
            for (long m = st.channelSet(p); m != 0; m &= m - 1) chReach[Long.numberOfTrailingZeros(m)]++;
        }
        long[] expHist = new long[maxExp + 1], visHist = new long[maxVis + 1];
        // exposure counts 0, 1, ..., FREQUENCY_CAP - 1 and FREQUENCY_CAP or more
        int nb = Aggregates.FREQUENCY_CAP + 1;
        long[] bPeople = new long[nb], bVisitors = new long[nb], bVisits = new long[nb];
        for (int p = 0; p < n; p++) {
            int e = st.exposures(p), v = st.visits(p);
            expHist[e]++;
            visHist[v]++;
            int b = Math.min(e, Aggregates.FREQUENCY_CAP);
            bPeople[b]++;
            if (v > 0) bVisitors[b]++;
            bVisits[b] += v;
        }
        List<Aggregates.FrequencyBucket> buckets = new ArrayList<>();
        for (int b = 0; b < nb; b++) {
            boolean last = b == Aggregates.FREQUENCY_CAP;
            buckets.add(new Aggregates.FrequencyBucket(Aggregates.countLabel(b, Aggregates.FREQUENCY_CAP), b,
                    last ? Integer.MAX_VALUE : b, bPeople[b], bVisitors[b], bVisits[b]));
        }
        Integer[] adOrder = sortedCodes(adLabels), chOrder = sortedCodes(chLabels);
        List<Aggregates.CategoryStat> byAd = new ArrayList<>(), byCh = new ArrayList<>();
        // one scan of people bytes per code: ads and channels in parallel
        long[][] freq = IntStream.range(0, na + nch).parallel()
                .mapToObj(i -> i < na ? codes.adFrequency(i) : codes.channelFrequency(i - na)).toArray(long[][]::new);
        for (int a : adOrder) byAd.add(categoryStat(adLabels.get(a), adImp[a], adReach[a], freq[a]));
        for (int c : chOrder) byCh.add(categoryStat(chLabels.get(c), chImp[c], chReach[c], freq[na + c]));
        List<Aggregates.AdChannel> cells = new ArrayList<>();
        for (int a : adOrder)
            for (int c : chOrder)
                cells.add(new Aggregates.AdChannel(adLabels.get(a), chLabels.get(c), adCh[a * Codebook.MAX + c],
                        codes.cellReach(a * Codebook.MAX + c)));
        long day0 = Math.floorDiv(w.from() + o.zone().getTotalSeconds(), 86400L);
        int firstDay = -1, lastDay = -1;
        for (int d = 0; d < expDay.length; d++)
            if (expDay[d] + visDay[d] > 0) { if (firstDay < 0) firstDay = d; lastDay = d; }
        List<Aggregates.DayCount> days = new ArrayList<>();
        if (firstDay >= 0)
            for (int d = firstDay; d <= lastDay; d++) days.add(new Aggregates.DayCount(LocalDate.ofEpochDay(day0 + d), expDay[d], visDay[d]));
        List<Aggregates.HourWeekday> hw = new ArrayList<>();
        for (int wd = 0; wd < 7; wd++)
            for (int h = 0; h < 24; h++)
                hw.add(new Aggregates.HourWeekday(DayOfWeek.of(wd + 1), h, expHw[wd * 24 + h], visHw[wd * 24 + h]));
        Optional<Aggregates.VisitTiming> timing = Optional.empty();
        if (vt != null) {
            long any = 0, h1 = 0, h24 = 0, h72 = 0;
            for (int i = 0; i < vt.count; i++) {
                int b = vt.best(i);
                if (b == VisitTimes.NONE) continue;
                long d = (long) vt.time(i) - b;
                any++;
                if (d <= 3600) h1++;
                if (d <= 86400) h24++;
                if (d <= 3 * 86400) h72++;
            }
            timing = Optional.of(new Aggregates.VisitTiming(vt.count, any, h1, h24, h72));
        }
        long minE = ew.stream().mapToLong(x -> x.minTime).min().orElse(Long.MAX_VALUE);
        long maxE = ew.stream().mapToLong(x -> x.maxTime).max().orElse(Long.MIN_VALUE);
        long minV = vw.stream().mapToLong(x -> x.minTime).min().orElse(Long.MAX_VALUE);
        long maxV = vw.stream().mapToLong(x -> x.maxTime).max().orElse(Long.MIN_VALUE);
        return new Aggregates(n, exposed, visitors, exposures, visits, instant(minE), instant(maxE), instant(minV), instant(maxV),
                o.zone(), byAd, byCh, cells, days, hw, boxed(expHist), boxed(visHist), buckets, timing);
    }

    /** The reach from the per-person code sets must equal the people counted in the frequency buckets. */
    private static Aggregates.CategoryStat categoryStat(String label, long impressions, long reach, long[] frequency) {
        long sum = Arrays.stream(frequency).sum();
        if (sum != reach)
            throw new IllegalStateException("internal error: '" + label + "' reaches " + reach + " people but its frequency buckets hold " + sum);
        return new Aggregates.CategoryStat(label, impressions, reach, boxed(frequency));
    }

    private static List<Long> boxed(long[] a) { return Arrays.stream(a).boxed().toList(); }

    private static Integer[] sortedCodes(List<String> labels) {
        Integer[] idx = new Integer[labels.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> labels.get(x).compareTo(labels.get(y)));
        return idx;
    }

    static Table persons(PeopleReader.People people, PersonStats st, VisitTimes vt, IngestOptions o, TimeWindow w) {
        // every accepted time lies in the window: pack each of its days once, then one division per time
        int off = o.zone().getTotalSeconds();
        long day0 = Math.floorDiv(w.from() + off, 86400L);
        long[] dayPacked = new long[(int) (Math.floorDiv(w.to() + off, 86400L) - day0 + 1)];
        for (int d = 0; d < dayPacked.length; d++) dayPacked[d] = packed((int) ((day0 + d) * 86400L - off - PersonStats.BASE), o);
        long base0 = day0 * 86400L - off - PersonStats.BASE; // PersonStats time of the window's first local midnight
        int n = st.n;
        int[] exp = new int[n], vis = new int[n], dAds = new int[n], dCh = new int[n];
        long[] fe = new long[n], le = new long[n], fv = new long[n], lv = new long[n];
        IntStream.range(0, o.threads()).parallel().forEach(part -> {
        for (int p = (int) ((long) n * part / o.threads()), to = (int) ((long) n * (part + 1) / o.threads()); p < to; p++) {
            exp[p] = st.exposures(p);
            vis[p] = st.visits(p);
            dAds[p] = Long.bitCount(st.adSet(p));
            dCh[p] = Long.bitCount(st.channelSet(p));
            fe[p] = exp[p] == 0 ? Long.MIN_VALUE : packedFast(dayPacked, base0, st.exp[8 * p + 1], o);
            le[p] = exp[p] == 0 ? Long.MIN_VALUE : packedFast(dayPacked, base0, st.exp[8 * p + 2], o);
            fv[p] = vis[p] == 0 ? Long.MIN_VALUE : packedFast(dayPacked, base0, st.vis[3 * p + 1], o);
            lv[p] = vis[p] == 0 ? Long.MIN_VALUE : packedFast(dayPacked, base0, st.vis[3 * p + 2], o);
        }
        });
        List<Column<?>> cols = new ArrayList<>();
        cols.addAll(people.table().columns()); // shared, not copied: copying a 1M-unique StringColumn takes seconds
        cols.add(IntColumn.create(Dataset.EXPOSURES, exp));
        cols.add(IntColumn.create(Dataset.VISITS, vis));
        cols.add(IntColumn.create("distinct_ads", dAds));
        cols.add(IntColumn.create("distinct_channels", dCh));
        cols.add(DateTimeColumn.createInternal("first_exposure", fe));
        cols.add(DateTimeColumn.createInternal("last_exposure", le));
        cols.add(DateTimeColumn.createInternal("first_visit", fv));
        cols.add(DateTimeColumn.createInternal("last_visit", lv));
        if (vt != null) {
            int[] w24 = new int[n];
            for (int p = 0; p < n; p++)
                for (int i = vt.off[p]; i < vt.off[p + 1]; i++)
                    if (vt.best(i) != VisitTimes.NONE && (long) vt.time(i) - vt.best(i) <= 86400) w24[p]++;
            cols.add(IntColumn.create("visits_within_24h", w24));
        }
        return Table.create("persons", cols.toArray(new Column<?>[0]));
    }

    private static long packedFast(long[] dayPacked, long base0, int rel, IngestOptions o) {
        long x = rel - base0;
        int d = (int) (x / 86400L);
        if (!FAST_PACK || x < 0 || d >= dayPacked.length) return packed(rel, o);
        return dayPacked[d] + (x - d * 86400L) * 1000L;
    }

    /** Tablesaw's packed LocalDateTime of a PersonStats time, in the zone, without allocating. */
    static long packed(int rel, IngestOptions o) {
        long secs = rel + PersonStats.BASE + o.zone().getTotalSeconds();
        long day = Math.floorDiv(secs, 86400L);
        int sod = (int) (secs - day * 86400L);
        // civil_from_days (H. Hinnant)
        long z = day + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        if (FAST_PACK) return ((long) ((y << 16) | (m << 8) | d) << 32) | (sod * 1000L);
        return PackedLocalDateTime.create(PackedLocalDate.pack(y, m, d), PackedLocalTime.of(sod / 3600, sod / 60 % 60, sod % 60));
    }

    /** Tablesaw 0.44 packs a date-time as (year << 16 | month << 8 | day) << 32 | millisecond of day; checked here. */
    private static final boolean FAST_PACK = checkFastPack();

    private static boolean checkFastPack() {
        for (String s : List.of("2026-09-07T20:15:03", "1999-12-31T23:59:59", "2000-01-01T00:00:00", "2068-02-29T12:00:01")) {
            LocalDateTime t = LocalDateTime.parse(s);
            long mine = ((long) ((t.getYear() << 16) | (t.getMonthValue() << 8) | t.getDayOfMonth()) << 32) | (t.toLocalTime().toSecondOfDay() * 1000L);
            if (mine != PackedLocalDateTime.pack(t)) return false;
        }
        return true;
    }
}
