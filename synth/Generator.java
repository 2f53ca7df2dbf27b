package synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes people.csv, exposures.csv, site_visits.csv and truth.json for {@code people} simulated people.
 *
 * <p>Streaming: people are simulated and written one at a time (memory does not grow with N).
 * Rows of exposures.csv and site_visits.csv are grouped by person in person_id order, and sorted by time
 * within a person. Each person's randomness comes from its own {@link Rng} stream (seed, person_id), so
 * the output is byte-identical for a seed and a person's rows do not depend on N.
 *
 * <p>Per person, in this order: true demographics; NB2 exposure count; baseline visit count; per
 * exposure its time, ad, channel and whether (and when) it triggers a visit; baseline visit times.
 * The missing-value mask uses a separate stream, so the simulated data do not depend on the missing rate.
 */
public final class Generator {
    public static final String PEOPLE_HEADER = "person_id,age,gender,income_bracket,region,household_size";
    public static final String EXPOSURES_HEADER = "person,time,ad_id,channel_id";
    public static final String VISITS_HEADER = "person,time";
    public static final List<String> DEMOGRAPHIC_COLUMNS =
            List.of("age", "gender", "income_bracket", "region", "household_size");
    public static final double DEFAULT_MISSING_RATE = 0.03;
    /** Base name of the optional file of true (never blank) demographics. */
    public static final String TRUE_VALUES = "people_true";

    private Generator() {}

    /**
     * What to generate.
     *
     * @param mechanism  how cells are blanked (default MCAR)
     * @param trueValues also write people_true.csv: the same rows with no blank cell, so imputations can be scored
     */
    public record Config(int people, long seed, Path out, boolean gzip, double missingRate, MissingMechanism mechanism, boolean trueValues) {
        public Config {
            if (people < 1) throw new IllegalArgumentException("people must be >= 1, got " + people);
            if (!(missingRate >= 0 && missingRate < 1)) throw new IllegalArgumentException("missing rate must be in [0, 1), got " + missingRate);
            if (out == null) throw new IllegalArgumentException("no output directory");
            if (mechanism == null) mechanism = MissingMechanism.MCAR;
        }

        public Config(int people, long seed, Path out, boolean gzip, double missingRate) {
            this(people, seed, out, gzip, missingRate, MissingMechanism.MCAR, false);
        }

        public Config(int people, long seed, Path out) {
            this(people, seed, out, false, DEFAULT_MISSING_RATE);
        }

        public String fileName(String base) {
            return base + (gzip ? ".csv.gz" : ".csv");
        }

        /**
         * Files of the other format (.csv vs .csv.gz) already in the output folder: after this run they
         * would no longer match truth.json. The generator leaves them alone; the script warns.
         */
        public List<Path> staleFiles() {
            List<Path> stale = new java.util.ArrayList<>();
            for (String base : List.of("people", "exposures", "site_visits")) {
                Path other = out.resolve(base + (gzip ? ".csv" : ".csv.gz"));
                if (Files.exists(other)) stale.add(other);
            }
            if (!trueValues) {
                // a true-values file from an earlier run would no longer match people.csv
                for (String ext : List.of(".csv", ".csv.gz")) if (Files.exists(out.resolve(TRUE_VALUES + ext))) stale.add(out.resolve(TRUE_VALUES + ext));
            }
            return stale;
        }
    }

    /** What was written. */
    public record Counts(long people, long exposures, long siteVisits, long baselineVisits, long triggeredVisits,
                         long censoredVisits, long peopleWithZeroExposures, int maxExposures,
                         Map<String, Long> missing) {}

    /** Generates everything into {@code config.out()} (created if absent) and returns the counts. */
    public static Counts run(Config config) throws IOException {
        Path dir = config.out();
        Files.createDirectories(dir);
        Path peopleFile = dir.resolve(config.fileName("people"));
        Path exposuresFile = dir.resolve(config.fileName("exposures"));
        Path visitsFile = dir.resolve(config.fileName("site_visits"));
        Path trueFile = dir.resolve(config.fileName(TRUE_VALUES));
        Path peopleTmp = tmp(peopleFile), exposuresTmp = tmp(exposuresFile), visitsTmp = tmp(visitsFile), trueTmp = tmp(trueFile);

        long exposures = 0, baselineVisits = 0, triggered = 0, censored = 0, zeros = 0;
        int maxExposures = 0;
        long[] missing = new long[DEMOGRAPHIC_COLUMNS.size()];
        long[] rows = new long[64];   // per person: time << 16 | ad << 8 | channel
        int[] visits = new int[64];
        byte[] id = new byte[12];
        double missingRate = config.missingRate();
        double[] maskP = new double[DEMOGRAPHIC_COLUMNS.size()];

        try (CsvOut people = new CsvOut(peopleTmp, config.gzip());
             CsvOut exp = new CsvOut(exposuresTmp, config.gzip());
             CsvOut vis = new CsvOut(visitsTmp, config.gzip());
             CsvOut truth = config.trueValues() ? new CsvOut(trueTmp, config.gzip()) : null) {
            header(people, PEOPLE_HEADER);
            if (truth != null) header(truth, PEOPLE_HEADER);
            header(exp, EXPOSURES_HEADER);
            header(vis, VISITS_HEADER);
            for (int pid = 1; pid <= config.people(); pid++) {
                Rng rng = new Rng(config.seed(), pid, 0);
                Person p = Demographics.sample(pid, rng);
                int n = ExposureModel.sampleCount(rng, ExposureModel.mean(p));
                int nBaseline = rng.poisson(VisitModel.baseline(p.region()));
                double slope = VisitModel.slope(p.region());
                int cell = Channels.cell(p);
                if (rows.length < n) rows = new long[Math.max(n, rows.length * 2)];
                int nv = 0;
                for (int k = 0; k < n; k++) {
                    int t = Schedule.sampleSecond(rng);
                    int ad = Ads.sample(rng);
                    int ch = Channels.sample(rng, cell);
                    rows[k] = ((long) t << 16) | (ad << 8) | ch;
                    if (rng.bernoulli(slope)) {
                        double vt = t + Math.floor(rng.exponential(VisitModel.DELAY_MEAN_SECONDS));
                        if (vt < Schedule.VISIT_WINDOW_END_SECOND) {
                            if (nv == visits.length) visits = Arrays.copyOf(visits, nv * 2);
                            visits[nv++] = (int) vt;
                            triggered++;
                        } else censored++;
                    }
                }
                for (int j = 0; j < nBaseline; j++) {
                    if (nv == visits.length) visits = Arrays.copyOf(visits, nv * 2);
                    visits[nv++] = Schedule.sampleSecond(rng);
                }
                baselineVisits += nBaseline;
                exposures += n;
                if (n == 0) zeros++;
                maxExposures = Math.max(maxExposures, n);
                Arrays.sort(rows, 0, n);
                Arrays.sort(visits, 0, nv);

                int idLen = digits(pid, id);
                config.mechanism().probabilities(p, n, missingRate, maskP);
                writePerson(people, p, id, idLen, new Rng(config.seed(), pid, 1), maskP, missing);
                if (truth != null) writePerson(truth, p, id, idLen, new Rng(config.seed(), pid, 1), NEVER, null);
                for (int k = 0; k < n; k++) {
                    long r = rows[k];
                    exp.reserve(64);
                    exp.put(id, idLen);
                    exp.put((byte) ',');
                    Schedule.writeTimestamp(exp, (int) (r >>> 16));
                    exp.put((byte) ',');
                    exp.put(Ads.LABELS[(int) (r >>> 8) & 0xFF]);
                    exp.put((byte) ',');
                    exp.put(Channels.LABELS[(int) r & 0xFF]);
                    exp.endRow();
                }
                for (int j = 0; j < nv; j++) {
                    vis.reserve(64);
                    vis.put(id, idLen);
                    vis.put((byte) ',');
                    Schedule.writeTimestamp(vis, visits[j]);
                    vis.endRow();
                }
            }
        }
        Map<String, Long> missingByColumn = new LinkedHashMap<>();
        for (int c = 0; c < missing.length; c++) missingByColumn.put(DEMOGRAPHIC_COLUMNS.get(c), missing[c]);
        Counts counts = new Counts(config.people(), exposures, triggered + baselineVisits, baselineVisits, triggered,
                censored, zeros, maxExposures, missingByColumn);
        Path truthFile = dir.resolve("truth.json");
        Path truthTmp = tmp(truthFile);
        Files.writeString(truthTmp, Truth.of(config).toJson(config, counts), StandardCharsets.UTF_8);
        for (Path[] move : new Path[][] {{peopleTmp, peopleFile}, {exposuresTmp, exposuresFile}, {visitsTmp, visitsFile}, {truthTmp, truthFile}}) {
            Files.move(move[0], move[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (config.trueValues()) Files.move(trueTmp, trueFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return counts;
    }

    private static Path tmp(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private static void header(CsvOut out, String header) throws IOException {
        out.reserve(header.length() + 1);
        out.put(header.getBytes(StandardCharsets.US_ASCII));
        out.endRow();
    }

    /** Writes {@code v} (positive) into {@code dst} and returns its length. */
    private static int digits(int v, byte[] dst) {
        int len = 0;
        for (int x = v; x != 0; x /= 10) len++;
        for (int i = len - 1; i >= 0; i--, v /= 10) dst[i] = (byte) ('0' + v % 10);
        return len;
    }

    private static final double[] NEVER = new double[5];

    /**
     * One people.csv row; cell c is blank with probability rate[c] ({@link MissingMechanism}), counted in
     * {@code missing} (null: the true-values file, never blank).
     */
    private static void writePerson(CsvOut out, Person p, byte[] id, int idLen, Rng mask, double[] rate, long[] missing)
            throws IOException {
        // Always five draws, so the mask of person i does not depend on which cells were masked before.
        boolean mAge = mask.bernoulli(rate[0]), mGender = mask.bernoulli(rate[1]), mIncome = mask.bernoulli(rate[2]),
                mRegion = mask.bernoulli(rate[3]), mHousehold = mask.bernoulli(rate[4]);
        out.reserve(64);
        out.put(id, idLen);
        out.put((byte) ',');
        if (mAge) missing[0]++; else out.putInt(p.age());
        out.put((byte) ',');
        if (mGender) missing[1]++; else out.put(GENDER_BYTES[p.gender().ordinal()]);
        out.put((byte) ',');
        if (mIncome) missing[2]++; else out.put(INCOME_BYTES[p.income().ordinal()]);
        out.put((byte) ',');
        if (mRegion) missing[3]++; else out.put(REGION_BYTES[p.region().ordinal()]);
        out.put((byte) ',');
        if (mHousehold) missing[4]++; else out.putInt(p.householdSize());
        out.endRow();
    }

    private static final byte[][] GENDER_BYTES = Arrays.stream(Gender.values())
            .map(g -> g.label().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final byte[][] INCOME_BYTES = Arrays.stream(IncomeBracket.values())
            .map(g -> g.label().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final byte[][] REGION_BYTES = Arrays.stream(Region.values())
            .map(g -> g.label().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
}
