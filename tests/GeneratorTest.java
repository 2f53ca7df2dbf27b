///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES testkit/JUnitMain.java
//SOURCES ../synth/*.java
//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
// Invariants of the synthetic data generator (synth/, data/generate.java). Generates ~20k people into
// temp folders and checks schema, determinism, referential integrity and that the data follow the truth.
// Statistical checks compare an estimate with truth.json within 4 standard errors estimated from the
// data (fixed seeds, so each check either always passes or always fails).
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import synth.Generator;

public class GeneratorTest {
    public static void main(String[] a) {
        testkit.JUnitMain.runAndExit(a, GeneratorTest.class);
    }

    static final int N = 20_000;
    static final long SEED = 7;
    static final double Z = 4;
    static final List<String> FILES = List.of("people.csv", "exposures.csv", "site_visits.csv", "truth.json");
    static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    static final Set<String> GENDERS = Set.of("F", "M", "X");
    static final Set<String> INCOMES = Set.of("lt25k", "25to50k", "50to100k", "100to150k", "150kplus");
    static final Set<String> REGIONS = Set.of("Northeast", "Midwest", "South", "West");

    static Path tmp, main;
    static JsonNode truth;
    static List<String[]> people, exposures, visits;
    static int[] exposuresOf, visitsOf; // index person_id

    @BeforeAll
    static void generate() throws IOException {
        tmp = Files.createTempDirectory("generator-test");
        main = tmp.resolve("main");
        Generator.run(new Generator.Config(N, SEED, main));
        truth = new ObjectMapper().readTree(main.resolve("truth.json").toFile());
        people = read(main.resolve("people.csv"));
        exposures = read(main.resolve("exposures.csv"));
        visits = read(main.resolve("site_visits.csv"));
        exposuresOf = new int[N + 1];
        visitsOf = new int[N + 1];
        for (String[] r : exposures.subList(1, exposures.size())) exposuresOf[Integer.parseInt(r[0])]++;
        for (String[] r : visits.subList(1, visits.size())) visitsOf[Integer.parseInt(r[0])]++;
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (tmp == null) return;
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Rows split on commas, keeping empty trailing cells; row 0 is the header. */
    static List<String[]> read(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line; (line = r.readLine()) != null; ) rows.add(line.split(",", -1));
        }
        return rows;
    }

    static Path generateTo(String name, int n, long seed, double missingRate) throws IOException {
        Path dir = tmp.resolve(name);
        Generator.run(new Generator.Config(n, seed, dir, false, missingRate));
        return dir;
    }

    // ---------------------------------------------------------------- schema

    @Test
    void headersAreExactlyTheSchema() {
        assertEquals("person_id,age,gender,income_bracket,region,household_size", String.join(",", people.get(0)));
        assertEquals("person,time,ad_id,channel_id", String.join(",", exposures.get(0)));
        assertEquals("person,time", String.join(",", visits.get(0)));
    }

    @Test
    void peopleRowsHaveValidValuesAndIdsOneToN() {
        assertEquals(N + 1, people.size());
        for (int i = 1; i <= N; i++) {
            String[] r = people.get(i);
            String where = "people.csv line " + (i + 1) + ": " + String.join(",", r);
            assertEquals(6, r.length, where);
            assertEquals(String.valueOf(i), r[0], where);
            if (!r[1].isEmpty()) {
                int age = Integer.parseInt(r[1]);
                assertTrue(age >= 18 && age <= 85, where);
            }
            assertTrue(r[2].isEmpty() || GENDERS.contains(r[2]), where);
            assertTrue(r[3].isEmpty() || INCOMES.contains(r[3]), where);
            assertTrue(r[4].isEmpty() || REGIONS.contains(r[4]), where);
            if (!r[5].isEmpty()) {
                int h = Integer.parseInt(r[5]);
                assertTrue(h >= 1 && h <= 7, where);
            }
        }
        // Every level actually occurs (X is rare but 3% of 20k is ~600).
        for (Set<String> levels : List.of(GENDERS, INCOMES, REGIONS)) {
            for (String level : levels) {
                assertTrue(people.stream().skip(1).anyMatch(r -> Arrays.asList(r).contains(level)), "level never written: " + level);
            }
        }
    }

    @Test
    void exposureAndVisitRowsHaveValidValues() {
        for (String[] r : exposures.subList(1, exposures.size())) {
            assertEquals(4, r.length, () -> String.join(",", r));
            assertTrue(TIME.matcher(r[1]).matches(), r[1]);
            assertTrue(r[2].matches("AD0[1-6]"), r[2]);
            assertTrue(r[3].matches("CH(0[1-9]|[12][0-9]|30)"), r[3]);
        }
        for (String[] r : visits.subList(1, visits.size())) {
            assertEquals(2, r.length, () -> String.join(",", r));
            assertTrue(TIME.matcher(r[1]).matches(), r[1]);
        }
    }

    @Test
    void truthJsonHasTheDocumentedLayoutAndTrueCounts() {
        assertEquals(SEED, truth.get("seed").asLong());
        assertEquals(N, truth.get("people").asInt());
        JsonNode beta = truth.at("/exposures/beta");
        assertEquals(List.of("intercept", "age10", "gender_M", "gender_X", "income_25to50k", "income_50to100k",
                "income_100to150k", "income_150kplus", "region_Midwest", "region_South", "region_West", "household_size_c"),
                iterate(beta.fieldNames()));
        assertEquals("F", truth.at("/exposures/design/gender/reference").asText());
        assertEquals("lt25k", truth.at("/exposures/design/income_bracket/reference").asText());
        assertEquals("Northeast", truth.at("/exposures/design/region/reference").asText());
        assertTrue(truth.at("/exposures/alpha").asDouble() > 0);
        assertEquals(12.0, truth.at("/visits/delay/mean_hours").asDouble());
        assertEquals(REGIONS, Set.copyOf(iterate(truth.at("/visits/slope").fieldNames())));
        assertEquals(exposures.size() - 1, truth.at("/counts/exposures").asLong());
        assertEquals(visits.size() - 1, truth.at("/counts/site_visits").asLong());
        assertEquals(truth.at("/counts/site_visits").asLong(),
                truth.at("/counts/baseline_visits").asLong() + truth.at("/counts/triggered_visits").asLong());
        assertEquals(Arrays.stream(exposuresOf).filter(x -> x == 0).count() - 1, // index 0 is unused
                truth.at("/counts/people_with_zero_exposures").asLong());
        assertEquals(Arrays.stream(exposuresOf).max().getAsInt(), truth.at("/counts/max_exposures_per_person").asInt());
        for (int c = 0; c < 5; c++) {
            final int col = c + 1;
            long blanks = people.stream().skip(1).filter(r -> r[col].isEmpty()).count();
            assertEquals(blanks, truth.at("/counts/missing/" + people.get(0)[col]).asLong(), people.get(0)[col]);
        }
    }

    static List<String> iterate(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    // ---------------------------------------------------------------- determinism

    @Test
    void sameSeedGivesByteIdenticalFilesAndOtherSeedDiffers() throws IOException {
        Path again = generateTo("again", N, SEED, Generator.DEFAULT_MISSING_RATE);
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(main.resolve(f)), Files.readAllBytes(again.resolve(f)), f + " differs for the same seed");
        }
        Path other = generateTo("other", N, SEED + 1, Generator.DEFAULT_MISSING_RATE);
        for (String f : List.of("people.csv", "exposures.csv", "site_visits.csv")) {
            assertFalse(Arrays.equals(Files.readAllBytes(main.resolve(f)), Files.readAllBytes(other.resolve(f))), f + " identical for another seed");
        }
    }

    @Test
    void aPersonsDataDoNotDependOnHowManyPeopleAreGenerated() throws IOException {
        Path small = generateTo("small", 2000, SEED, Generator.DEFAULT_MISSING_RATE);
        assertEquals(lines(main.resolve("people.csv")).subList(0, 2001), lines(small.resolve("people.csv")));
        List<String> exp = lines(small.resolve("exposures.csv"));
        assertEquals(lines(main.resolve("exposures.csv")).subList(0, exp.size()), exp);
        assertTrue(Integer.parseInt(exposures.get(exp.size())[0]) > 2000, "the small run stops exactly where person 2001 starts");
    }

    @Test
    void theMissingRateChangesOnlyWhichCellsAreBlank() throws IOException {
        Path full = generateTo("nomissing", N, SEED, 0.0);
        assertArrayEquals(Files.readAllBytes(main.resolve("exposures.csv")), Files.readAllBytes(full.resolve("exposures.csv")));
        assertArrayEquals(Files.readAllBytes(main.resolve("site_visits.csv")), Files.readAllBytes(full.resolve("site_visits.csv")));
        List<String[]> complete = read(full.resolve("people.csv"));
        for (int i = 1; i <= N; i++) {
            for (int c = 0; c < 6; c++) {
                assertFalse(complete.get(i)[c].isEmpty(), "blank cell with --missing-rate 0 at line " + (i + 1));
                String masked = people.get(i)[c];
                assertTrue(masked.isEmpty() || masked.equals(complete.get(i)[c]), "masking changed a value at line " + (i + 1));
            }
        }
    }

    @Test
    void gzipOutputHoldsTheSameBytesAsThePlainFiles() throws IOException {
        Path gz = tmp.resolve("gz");
        Generator.run(new Generator.Config(N, SEED, gz, true, Generator.DEFAULT_MISSING_RATE));
        for (String f : List.of("people.csv", "exposures.csv", "site_visits.csv")) {
            try (var in = new GZIPInputStream(Files.newInputStream(gz.resolve(f + ".gz")))) {
                assertArrayEquals(Files.readAllBytes(main.resolve(f)), in.readAllBytes(), f + ".gz");
            }
            assertFalse(Files.exists(gz.resolve(f)), "plain " + f + " written with --gzip");
        }
        JsonNode t = new ObjectMapper().readTree(gz.resolve("truth.json").toFile());
        assertEquals("exposures.csv.gz", t.at("/files/exposures").asText());
        assertEquals(truth.get("counts"), t.get("counts"));
    }

    static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- integrity and time

    @Test
    void everyExposureAndVisitReferencesAPersonAndRowsAreInPersonOrder() {
        for (List<String[]> rows : List.of(exposures, visits)) {
            int previous = 0;
            for (String[] r : rows.subList(1, rows.size())) {
                int id = Integer.parseInt(r[0]);
                assertTrue(id >= 1 && id <= N, "unknown person " + r[0]);
                assertTrue(id >= previous, "rows not grouped by person at person " + id);
                previous = id;
            }
        }
    }

    @Test
    void timestampsLieInThePeriodWithDaypartAndWeekdayPatterns() {
        LocalDateTime start = LocalDateTime.parse(truth.at("/period/start").asText());
        LocalDateTime end = LocalDateTime.parse(truth.at("/period/end").asText());
        LocalDateTime visitEnd = LocalDateTime.parse(truth.at("/period/visit_window_end").asText());
        assertEquals(LocalDateTime.of(2026, 9, 7, 0, 0), start);
        assertEquals(start.plusWeeks(6), end);
        int[] byHour = new int[24], byWeekday = new int[7];
        for (String[] r : exposures.subList(1, exposures.size())) {
            LocalDateTime t = LocalDateTime.parse(r[1]);
            assertFalse(t.isBefore(start) || !t.isBefore(end), "exposure outside the period: " + r[1]);
            byHour[t.getHour()]++;
            byWeekday[t.getDayOfWeek().getValue() - 1]++;
        }
        for (String[] r : visits.subList(1, visits.size())) {
            LocalDateTime t = LocalDateTime.parse(r[1]);
            assertFalse(t.isBefore(start) || !t.isBefore(visitEnd), "visit outside the window: " + r[1]);
        }
        int prime = byHour[19] + byHour[20] + byHour[21] + byHour[22], night = byHour[2] + byHour[3] + byHour[4] + byHour[5];
        assertTrue(prime > 10 * night, "prime time 19-23 h " + prime + " vs 02-06 h " + night);
        assertTrue(byWeekday[6] > 1.15 * byWeekday[1], "Sunday " + byWeekday[6] + " vs Tuesday " + byWeekday[1]);
    }

    // ---------------------------------------------------------------- distributions vs truth

    @Test
    void exposuresPerPersonHaveTheTruthsMeanZeroShareAndAHeavyTail() {
        int[] y = Arrays.copyOfRange(exposuresOf, 1, N + 1);
        double mean = Arrays.stream(y).average().orElseThrow();
        double var = Arrays.stream(y).mapToDouble(v -> (v - mean) * (v - mean)).sum() / (N - 1);
        double implied = truth.at("/exposures/implied_mean").asDouble();
        assertTrue(implied > 8 && implied < 12, "implied mean " + implied);
        assertEquals(implied, mean, Z * Math.sqrt(var / N), "mean exposures per person");

        double zeros = Arrays.stream(y).filter(v -> v == 0).count() / (double) N;
        assertTrue(zeros >= 0.15 && zeros <= 0.25, "zero share " + zeros + " outside [0.15, 0.25]");
        double impliedZeros = truth.at("/exposures/implied_zero_share").asDouble();
        assertEquals(impliedZeros, zeros, Z * Math.sqrt(impliedZeros * (1 - impliedZeros) / N), "zero share");

        int[] sorted = y.clone();
        Arrays.sort(sorted);
        int median = sorted[N / 2], p99 = sorted[(int) (0.99 * N)], max = sorted[N - 1];
        // Poisson(10) would give p99/median ~1.8, max/mean ~2.5 and variance/mean 1.
        assertTrue(p99 >= 5.0 * median, "p99 " + p99 + " vs median " + median);
        assertTrue(max >= 8 * mean, "max " + max + " vs mean " + mean);
        assertTrue(var / mean > 10, "variance/mean " + var / mean);
    }

    /** log(mean exposures in group) - log(mean in reference group), with its delta-method standard error. */
    static double[] logRatio(int column, String level, String reference) {
        double[] a = moments(column, level), b = moments(column, reference);
        double est = Math.log(a[1] / b[1]);
        double se = Math.sqrt(a[2] / (a[0] * a[1] * a[1]) + b[2] / (b[0] * b[1] * b[1]));
        return new double[] {est, se};
    }

    /** {n, mean, variance} of exposures per person among people whose (non-blank) column equals level. */
    static double[] moments(int column, String level) {
        double n = 0, sum = 0, sq = 0;
        for (int i = 1; i <= N; i++) {
            if (!people.get(i)[column].equals(level)) continue;
            double v = exposuresOf[i];
            n++;
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        return new double[] {n, mean, (sq - n * mean * mean) / (n - 1)};
    }

    @Test
    void logMeanByGenderRegionAndIncomeMatchesTheTrueCoefficients() {
        // Demographics are independent and the model is log-linear, so log(mean_g / mean_ref) = beta_g exactly.
        String[][] checks = {
                {"2", "M", "F", "gender_M"}, {"2", "X", "F", "gender_X"},
                {"4", "Midwest", "Northeast", "region_Midwest"}, {"4", "South", "Northeast", "region_South"},
                {"4", "West", "Northeast", "region_West"}, {"3", "150kplus", "lt25k", "income_150kplus"},
                {"3", "50to100k", "lt25k", "income_50to100k"}};
        List<String> failures = new ArrayList<>();
        for (String[] c : checks) {
            double[] r = logRatio(Integer.parseInt(c[0]), c[1], c[2]);
            double beta = truth.at("/exposures/beta/" + c[3]).asDouble();
            String line = String.format("%s: estimate %.3f +- %.3f, truth %.3f", c[3], r[0], r[1], beta);
            System.out.println("        " + line);
            if (Math.abs(r[0] - beta) > Z * r[1]) failures.add(line);
        }
        assertTrue(failures.isEmpty(), "outside 4 SE: " + failures);
        // Power check: the estimated region effects are told apart (South 0.20 vs West -0.15).
        assertTrue(logRatio(4, "South", "Northeast")[0] - logRatio(4, "West", "Northeast")[0] > 0.2);
    }

    @Test
    void ageEffectMatchesTheTruePerDecadeSlope() {
        // Least squares of log(mean exposures at age a) on (a - 45)/10 over single ages, weighted by count.
        Map<Integer, double[]> byAge = new HashMap<>();
        for (int i = 1; i <= N; i++) {
            String a = people.get(i)[1];
            if (a.isEmpty()) continue;
            double[] m = byAge.computeIfAbsent(Integer.parseInt(a), k -> new double[2]);
            m[0]++;
            m[1] += exposuresOf[i];
        }
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var e : byAge.entrySet()) {
            double w = e.getValue()[0], x = (e.getKey() - 45) / 10.0, yv = Math.log(e.getValue()[1] / w);
            sw += w;
            sx += w * x;
            sy += w * yv;
            sxx += w * x * x;
            sxy += w * x * yv;
        }
        double slope = (sxy - sx * sy / sw) / (sxx - sx * sx / sw);
        double beta = truth.at("/exposures/beta/age10").asDouble();
        assertEquals(beta, slope, 0.05, "log-mean slope per decade of age");
    }

    @Test
    void missingShareIsNearTheConfiguredRateInEveryColumn() {
        double rate = truth.at("/missing/rate").asDouble();
        assertEquals(Generator.DEFAULT_MISSING_RATE, rate);
        for (int c = 1; c <= 5; c++) {
            final int col = c;
            double share = people.stream().skip(1).filter(r -> r[col].isEmpty()).count() / (double) N;
            assertEquals(rate, share, Z * Math.sqrt(rate * (1 - rate) / N), "missing share of " + people.get(0)[c]);
        }
        assertTrue(people.stream().skip(1).noneMatch(r -> r[0].isEmpty()), "person_id is never missing");
    }

    @Test
    void visitsRiseWithExposuresWithTheTruePerRegionSlope() {
        double exposedSum = 0, unexposedSum = 0;
        int exposed = 0;
        for (int i = 1; i <= N; i++) {
            if (exposuresOf[i] > 0) {
                exposed++;
                exposedSum += visitsOf[i];
            } else unexposedSum += visitsOf[i];
        }
        double meanExposed = exposedSum / exposed, meanUnexposed = unexposedSum / (N - exposed);
        assertTrue(meanExposed > meanUnexposed + 0.3, "visits: exposed " + meanExposed + " vs unexposed " + meanUnexposed);

        // Per region: OLS of visits on exposures; intercept -> baseline, slope -> slope (HC0 standard errors).
        List<String> failures = new ArrayList<>();
        for (String region : List.of("Northeast", "Midwest", "South", "West")) {
            List<double[]> xy = new ArrayList<>();
            for (int i = 1; i <= N; i++) if (people.get(i)[4].equals(region)) xy.add(new double[] {exposuresOf[i], visitsOf[i]});
            int n = xy.size();
            double mx = xy.stream().mapToDouble(p -> p[0]).average().orElseThrow();
            double my = xy.stream().mapToDouble(p -> p[1]).average().orElseThrow();
            double sxx = 0, sxy = 0;
            for (double[] p : xy) {
                sxx += (p[0] - mx) * (p[0] - mx);
                sxy += (p[0] - mx) * (p[1] - my);
            }
            double b = sxy / sxx, a = my - b * mx, meat = 0, meatA = 0;
            for (double[] p : xy) {
                double e = p[1] - a - b * p[0];
                meat += (p[0] - mx) * (p[0] - mx) * e * e;
                double h = 1.0 / n - mx * (p[0] - mx) / sxx; // intercept's influence weight
                meatA += h * h * e * e;
            }
            double seB = Math.sqrt(meat) / sxx, seA = Math.sqrt(meatA);
            double trueSlope = truth.at("/visits/slope/" + region).asDouble();
            double trueBase = truth.at("/visits/baseline/" + region).asDouble();
            String line = String.format("%s (n=%d): slope %.4f +- %.4f (truth %.3f), baseline %.3f +- %.3f (truth %.2f)",
                    region, n, b, seB, trueSlope, a, seA, trueBase);
            System.out.println("        " + line);
            if (Math.abs(b - trueSlope) > Z * seB || Math.abs(a - trueBase) > Z * seA) failures.add(line);
        }
        assertTrue(failures.isEmpty(), "outside 4 SE: " + failures);
    }

    @Test
    void channelAudiencesDifferByAgeAndGenderAsInTheTruth() {
        String[] groups = {"18-34", "35-49", "50-64", "65+"};
        Map<String, double[]> counts = new HashMap<>();
        for (String[] r : exposures.subList(1, exposures.size())) {
            String[] p = people.get(Integer.parseInt(r[0]));
            if (p[1].isEmpty() || p[2].isEmpty()) continue;
            int age = Integer.parseInt(p[1]);
            String cell = groups[age < 35 ? 0 : age < 50 ? 1 : age < 65 ? 2 : 3] + "|" + p[2];
            counts.computeIfAbsent(cell, k -> new double[30])[Integer.parseInt(r[3].substring(2)) - 1]++;
        }
        for (String cell : List.of("18-34|F", "18-34|M", "65+|F", "65+|M")) {
            double[] c = counts.get(cell);
            double total = Arrays.stream(c).sum();
            JsonNode truthP = truth.at("/channels/probabilities/" + cell.replace("/", "~1"));
            double tv = 0;
            for (int k = 0; k < 30; k++) tv += Math.abs(c[k] / total - truthP.get(k).asDouble()) / 2;
            assertTrue(tv < 0.05, cell + ": total variation from the truth's channel mix " + tv + " (n=" + total + ")");
        }
        double tv = 0;
        double[] young = counts.get("18-34|F"), old = counts.get("65+|M");
        double ty = Arrays.stream(young).sum(), to = Arrays.stream(old).sum();
        for (int k = 0; k < 30; k++) tv += Math.abs(young[k] / ty - old[k] / to) / 2;
        assertTrue(tv > 0.25, "channel mix of 18-34|F vs 65+|M differs by only " + tv);
    }

    // ---------------------------------------------------------------- the script

    @Test
    void scriptWritesTheSameFilesAsThePackageAndRejectsBadArguments() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("data/generate.java"))) root = root.getParent();
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null, "data/generate.java not found above the working directory");
        Path viaScript = tmp.resolve("script");
        String[] ok = run(root, "--people", "500", "--seed", "3", "--out", viaScript.toString());
        assertEquals("0", ok[0], ok[1]);
        Path viaPackage = generateTo("package", 500, 3, Generator.DEFAULT_MISSING_RATE);
        for (String f : FILES) assertArrayEquals(Files.readAllBytes(viaPackage.resolve(f)), Files.readAllBytes(viaScript.resolve(f)), f);

        String[] bad = run(root, "--people", "ten", "--seed", "3", "--out", viaScript.toString());
        assertEquals("2", bad[0]);
        assertEquals("generate: --people expects a whole number >= 1, got 'ten' (try --help)", bad[1].strip());
    }

    /** {exit code, stderr}; stdout is discarded. */
    static String[] run(Path root, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("jbang").toString(), "data/generate.java"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "generate.java did not finish");
        String stderr = Files.readString(err).lines().filter(l -> !l.startsWith("[jbang]")).reduce("", (x, y) -> x + y + "\n");
        return new String[] {String.valueOf(p.exitValue()), stderr};
    }
}
