///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx1g
//SOURCES testkit/JUnitMain.java
//SOURCES ../ingest/*.java
//SOURCES ../report/*.java
//SOURCES ../stats/*.java
//SOURCES ../model/*.java
//SOURCES ../storage/*.java
//DEPS org.slf4j:slf4j-nop:2.0.17
// Hostile inputs (issue 12), each a fixture made here from the committed sample in data/: what the user
// sees (exit code, the exact stderr line) from analysis.java run as a real child process, what was saved,
// that nothing was silently lost, and that hostile sizes finish (a generous bound, not a timing test).
// Run: ./jbang tests/BadInputTest.java [--filter NAME]
import static org.junit.jupiter.api.Assertions.*;

import ingest.ColumnInfo;
import ingest.ColumnKind;
import ingest.Dataset;
import ingest.FileReport;
import ingest.Ingest;
import ingest.IngestException;
import ingest.IngestOptions;
import ingest.Problem;
import ingest.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class BadInputTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, BadInputTest.class); }

    static Path root, tmp;
    static final String[] FILES = {"people", "exposures", "site_visits"};

    @BeforeAll
    static void locate() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("analysis.java"))) {
            root = root.getParent();
            if (root == null) throw new IllegalStateException("run from inside the project");
        }
        tmp = Files.createTempDirectory("bad-input-test");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
    }

    // ------------------------------------------------------------------ fixtures and the child process

    /** A copy of the committed sample in tmp/name. */
    static Path fixture(String name) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        for (String f : FILES) Files.copy(root.resolve("data/" + f + ".csv"), d.resolve(f + ".csv"));
        return d;
    }

    /**
     * Rewrites field col of every data line of a file: f(dataIndex, value) gives the new value or null to keep
     * it. Lines are handled as ISO-8859-1, i.e. one char per byte, so a fixture can hold any bytes.
     */
    static int edit(Path file, int col, BiFunction<Integer, String, String> f) throws IOException {
        List<String> lines = new ArrayList<>(Arrays.asList(Files.readString(file, StandardCharsets.ISO_8859_1).split("\n", -1)));
        int changed = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) continue;
            String[] fields = lines.get(i).split(",", -1);
            String v = f.apply(i - 1, fields[col]);
            if (v == null) continue;
            fields[col] = v;
            lines.set(i, String.join(",", fields));
            changed++;
        }
        Files.writeString(file, String.join("\n", lines), StandardCharsets.ISO_8859_1);
        return changed;
    }

    /** Bytes as one char each, for {@link #edit}: e.g. UTF-8 text given to a Latin-1 line. */
    static String raw(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }

    static String dataLine(Path file, int dataIndex) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1).split("\n")[dataIndex + 1];
    }

    record Run(int code, String out, String err) {
        List<String> errLines() { return err.lines().toList(); }
    }

    /** ./jbang analysis.java ARGS as a child process; fails if it does not finish within 10 minutes. */
    static Run analysis(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("jbang").toString(), root.resolve("analysis.java").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        // a JBang cache of the test's own (unless the test names one): these runs mostly stop early, and the first
        // run of a build writes the job's class-data archive, so in the user's cache they would leave a small one
        pb.environment().put("JBANG_CACHE_DIR", tmp.resolve("child-jbang-cache").toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "run", ".out"), err = Files.createTempFile(tmp, "run", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("analysis.java " + String.join(" ", args) + " did not finish in 10 minutes: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Run analysis(String... args) throws Exception { return analysis(Map.of(), args); }

    static IngestException ingestError(Path dir) {
        return assertThrows(IngestException.class, () -> Ingest.load(dir, IngestOptions.defaults().withThreads(2)));
    }

    static Dataset load(Path dir, IngestOptions o) { return Ingest.load(dir, o.withThreads(2)); }

    static Dataset load(Path dir) { return load(dir, IngestOptions.defaults()); }

    static void assertNothingSaved(Path store, Path report) throws IOException {
        if (Files.exists(store)) {
            try (Stream<Path> s = Files.walk(store)) {
                assertEquals(List.of(), s.filter(Files::isRegularFile).toList(), "nothing saved in the store");
            }
        }
        assertFalse(Files.exists(report.resolve("index.html")), "no report written");
    }

    static void assertRowsAddUp(Dataset d) {
        for (FileReport f : d.report().files()) {
            long rejected = f.problems().stream().filter(p -> p.problem().rejectsRow()).mapToLong(p -> p.count()).sum();
            assertEquals(f.rowsRead(), f.rowsAccepted() + rejected, f.file() + ": every row is accepted or counted under a problem");
        }
    }

    static final String EXPECTED_TIME = Timestamps.EXPECTED;

    // ------------------------------------------------------------------ causes surface

    @Test
    void everyExposureTimestampUnparseableStopsWithTheCause() throws Exception {
        long rows = Files.readAllLines(root.resolve("data/exposures.csv")).size() - 1;
        Map<String, String> forms = Map.of("epoch", "1789000000", "slashes", "2026/09/11 08:28", "pst", "2026-09-11 08:28:33 PST");
        for (var form : forms.entrySet()) {
            Path d = fixture("exposures-" + form.getKey());
            edit(d.resolve("exposures.csv"), 1, (i, v) -> form.getValue());
            int col = dataLine(d.resolve("exposures.csv"), 0).indexOf(',') + 2;
            String expected = String.format("%s: every data row was rejected (%,d rows); mostly unparseable timestamp (%,d rows); first: %s:2:%d:"
                    + " unparseable timestamp: expected %s, found '%s'", d.resolve("exposures.csv"), rows, rows, d.resolve("exposures.csv"), col,
                    EXPECTED_TIME, form.getValue());
            assertEquals(expected, ingestError(d).getMessage(), form.getKey());
            if (form.getKey().equals("epoch")) {
                Path store = tmp.resolve("store-epoch"), report = tmp.resolve("report-epoch");
                Run r = analysis(d.toString(), "--store", store.toString(), "--out", report.toString());
                assertEquals(2, r.code(), r.err());   // cli.ExitCode.INPUT
                assertTrue(r.errLines().contains("analysis: " + expected), r.err());
                assertFalse(r.err().contains("response is zero"), "the cause, not a later symptom: " + r.err());
                assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
                assertNothingSaved(store, report);
            }
        }
    }

    @Test
    void everyVisitRejectedStopsWithTheCause() throws Exception {
        long rows = Files.readAllLines(root.resolve("data/site_visits.csv")).size() - 1;
        // empty timestamps
        Path empty = fixture("visits-empty");
        edit(empty.resolve("site_visits.csv"), 1, (i, v) -> "");
        Path f = empty.resolve("site_visits.csv");
        int col = dataLine(f, 0).indexOf(',') + 2;
        assertEquals(String.format("%s: every data row was rejected (%,d rows); mostly empty required value (%,d rows); first: %s:2:%d:"
                + " empty required value: expected a value in column 'time', found an empty field", f, rows, rows, f, col), ingestError(empty).getMessage());
        // date-only timestamps
        Path dates = fixture("visits-dates");
        edit(dates.resolve("site_visits.csv"), 1, (i, v) -> v.substring(0, 10));
        f = dates.resolve("site_visits.csv");
        assertEquals(String.format("%s: every data row was rejected (%,d rows); mostly unparseable timestamp (%,d rows); first: %s:2:%d:"
                + " unparseable timestamp: expected %s, found '%s'", f, rows, rows, f, col, EXPECTED_TIME, dataLine(f, 0).split(",")[1]),
                ingestError(dates).getMessage());
        // 96% unknown persons, the other 4% date-only: every row lost, the dominant cause named
        Path unknown = fixture("visits-unknown");
        f = unknown.resolve("site_visits.csv");
        long[] counts = new long[2];
        edit(f, 0, (i, v) -> i % 25 == 0 ? null : "x" + v);
        edit(f, 1, (i, v) -> i % 25 == 0 ? v.substring(0, 10) : null);
        for (int i = 0; i < rows; i++) counts[i % 25 == 0 ? 1 : 0]++;
        String firstUnknown = dataLine(f, 1).split(",")[0];
        String expected = String.format("%s: every data row was rejected (%,d rows); mostly unknown person (%,d rows); first: %s:3:1:"
                + " unknown person: expected a person_id listed in people.csv, found '%s'", f, rows, counts[0], f, firstUnknown);
        assertEquals(expected, ingestError(unknown).getMessage());
        Path store = tmp.resolve("store-unknown"), report = tmp.resolve("report-unknown");
        Run r = analysis(unknown.toString(), "--store", store.toString(), "--out", report.toString());
        assertEquals(2, r.code(), r.err());   // cli.ExitCode.INPUT
        assertTrue(r.errLines().contains("analysis: " + expected), r.err());
        assertNothingSaved(store, report);
    }

    @Test
    void aFileLosingMoreThanTheThresholdGetsAnAlertLineAndACsvGzTwinANote() throws Exception {
        Path d = fixture("five-percent");
        Path f = d.resolve("exposures.csv");
        int bad = edit(f, 1, (i, v) -> i % 20 == 7 ? "2026/09/11 08:28" : null);
        long rows = Files.readAllLines(f).size() - 1;
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(d.resolve("people.csv.gz")))) {
            o.write("person_id,age\n1,30\n".getBytes(StandardCharsets.UTF_8));
        }
        int col = dataLine(f, 7).indexOf(',') + 2;
        String alert = String.format("alert: %s lost %.1f%% of its rows (%,d of %,d rejected); mostly unparseable timestamp (%,d rows);"
                + " first: %s:9:%d: unparseable timestamp: expected %s, found '2026/09/11 08:28'", f, 100.0 * bad / rows, bad, rows, bad, f, col, EXPECTED_TIME);
        String note = "note: " + d.resolve("people.csv") + " is read; " + d.resolve("people.csv.gz") + " next to it is ignored";

        Dataset ds = load(d);
        assertEquals(List.of(note, alert), ds.report().alerts());
        assertEquals(bad, ds.report().file("exposures.csv").count(Problem.BAD_TIMESTAMP), "every bad row counted");
        assertRowsAddUp(ds);
        assertTrue(ds.report().file("people.csv").notes().contains(note.substring("note: ".length())), "the note is in the report too");
        assertEquals(3000, ds.people().rowCount(), "people.csv was read, not the .gz");
        assertEquals(List.of(note), load(d, IngestOptions.defaults().withAlertShare(0.10)).report().alerts(), "10% threshold: no alert at 5%");

        Path store = tmp.resolve("store-five");
        Run r = analysis(d.toString(), "--no-model", "--no-plots", "--store", store.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.errLines().contains(alert), r.err());
        assertTrue(r.errLines().contains(note), r.err());
        try (var st = storage.Stores.open(store.toString())) {
            var t = st.loadTable("eda/ingestion_report");
            assertTrue(t.stringColumn("problem").asList().contains("BAD_TIMESTAMP"), "the saved ingestion report has the problem");
        }
        Run quiet = analysis(d.toString(), "--no-model", "--no-plots", "--store", store.toString(), "--alert-rejected", "10");
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains("alert:"), quiet.err());
    }

    // ------------------------------------------------------------------ bytes are checked

    @Test
    void bytesThatAreNotTextAreCountedLocatedAndNeverANewLevel() throws Exception {
        Dataset clean = load(root.resolve("data"));
        Path d = fixture("bytes");
        Path people = d.resolve("people.csv"), exp = d.resolve("exposures.csv"), vis = d.resolve("site_visits.csv");
        // people: Latin-1 bytes in three regions, and a valid UTF-8 region that must stay accepted
        edit(people, 4, (i, v) -> i == 10 || i == 20 || i == 30 ? "Nord\u00E9ast" : i == 40 ? raw("\u00CEle-de-France".getBytes(StandardCharsets.UTF_8)) : null);
        // exposures: a truncated UTF-8 sequence in two ad ids, a NUL in a channel id, a C1 control in another
        edit(exp, 2, (i, v) -> i == 100 || i == 200 ? v + "\u00C3" : null);
        edit(exp, 3, (i, v) -> i == 300 ? "CH\u000014" : i == 400 ? v + raw(new byte[]{(byte) 0xC2, (byte) 0x85}) : null);
        // visits: a carriage return inside a timestamp
        edit(vis, 1, (i, v) -> i == 50 ? v.substring(0, 10) + "\r" + v.substring(10) : null);

        Dataset ds = load(d);
        assertRowsAddUp(ds);
        FileReport p = ds.report().file("people.csv"), e = ds.report().file("exposures.csv"), v = ds.report().file("site_visits.csv");
        assertEquals(3, p.count(Problem.BAD_TEXT));
        assertEquals(4, e.count(Problem.BAD_TEXT));
        assertEquals(1, v.count(Problem.BAD_TEXT));
        String line12 = dataLine(people, 10);
        String firstPeople = String.format("%s:12:%d: invalid text: expected UTF-8 text without control characters in column 'region', found"
                + " byte 0xE9 (not UTF-8) in 'Nord\\xE9ast'", people, line12.indexOf("Nord") + 5);
        assertEquals(firstPeople, p.problems().stream().filter(x -> x.problem() == Problem.BAD_TEXT).findFirst().orElseThrow().examples().get(0).message());
        String nulLine = dataLine(exp, 300);
        assertTrue(e.problems().stream().filter(x -> x.problem() == Problem.BAD_TEXT).findFirst().orElseThrow().examples().stream()
                .anyMatch(i -> i.message().equals(String.format("%s:302:%d: invalid text: expected UTF-8 text without control characters in column"
                        + " 'channel_id', found control character 0x00 in 'CH\\x0014'", exp, nulLine.indexOf("CH\u0000") + 3))), e.problems().toString());
        // never a new level: the ads, channels and regions are those of the clean sample (plus the valid UTF-8 one)
        assertEquals(clean.aggregates().byAd().stream().map(a -> a.label()).toList(), ds.aggregates().byAd().stream().map(a -> a.label()).toList());
        assertEquals(clean.aggregates().byChannel().stream().map(a -> a.label()).toList(), ds.aggregates().byChannel().stream().map(a -> a.label()).toList());
        Set<String> regions = new TreeSet<>(ds.people().stringColumn("region").asList());
        Set<String> cleanRegions = new TreeSet<>(clean.people().stringColumn("region").asList());
        cleanRegions.add("\u00CEle-de-France");
        assertEquals(cleanRegions, regions, "valid UTF-8 is a level, bad bytes are not");
        assertEquals(2997, ds.people().rowCount());

        // --strict stops at the first, with the same line
        Run r = analysis(d.toString(), "--strict", "--no-plots", "--no-model", "--store", tmp.resolve("store-bytes").toString());
        assertEquals(2, r.code(), r.err());   // cli.ExitCode.INPUT
        assertTrue(r.errLines().contains("analysis: " + firstPeople), r.err());
        assertNothingSaved(tmp.resolve("store-bytes"), tmp.resolve("no-report"));

        // a bad byte in a header is a one-line error too
        Path h = fixture("bytes-header");
        Files.writeString(h.resolve("site_visits.csv"), "person,ti\u0000me\n1,2026-09-21T22:19:10\n", StandardCharsets.ISO_8859_1);
        assertEquals(h.resolve("site_visits.csv") + ":1:10: invalid text in the header: expected UTF-8 column names without control characters,"
                + " found control character 0x00 in 'person,ti\\x00me'", ingestError(h).getMessage());
    }

    // ------------------------------------------------------------------ hostile sizes

    @Test
    void aMegabyteChannelIdAndA100KbAdIdFinishAndAreCapped() throws Exception {
        Path d = fixture("huge");
        Path exp = d.resolve("exposures.csv"), people = d.resolve("people.csv");
        String mb = "C".repeat(1 << 20), kb = "A".repeat(100 << 10);
        edit(exp, 3, (i, v) -> i == 5 ? mb : null);
        edit(exp, 2, (i, v) -> i == 6 ? kb : null);
        edit(people, 4, (i, v) -> i == 7 ? "R".repeat(1 << 20) : null);
        edit(people, 0, (i, v) -> i == 8 ? "9".repeat(300) : null);

        Dataset ds = load(d);
        assertRowsAddUp(ds);
        FileReport e = ds.report().file("exposures.csv"), p = ds.report().file("people.csv");
        assertEquals(2, e.count(Problem.TOO_LONG));
        assertEquals(2, p.count(Problem.TOO_LONG));
        var ex = e.problems().stream().filter(x -> x.problem() == Problem.TOO_LONG).findFirst().orElseThrow().examples();
        int chCol = dataLine(exp, 5).indexOf(mb) + 1;
        assertEquals(String.format("%s:7:%d: value too long: expected at most 256 bytes in column 'channel_id' (the limit for ids and labels),"
                + " found 1,048,576 bytes starting '%s'", exp, chCol, "C".repeat(40)), ex.get(0).message());
        assertEquals(String.format("%s:8:%d: value too long: expected at most 256 bytes in column 'ad_id' (the limit for ids and labels),"
                + " found 102,400 bytes starting '%s'", exp, dataLine(exp, 6).indexOf(kb) + 1, "A".repeat(40)), ex.get(1).message());
        var px = p.problems().stream().filter(x -> x.problem() == Problem.TOO_LONG).findFirst().orElseThrow().examples();
        assertTrue(px.get(0).message().contains("expected at most 1024 bytes in column 'region' (the limit for demographic values)"), px.toString());
        assertTrue(px.get(1).message().contains("expected at most 256 bytes in column 'person_id' (the limit for ids)"), px.toString());
        assertTrue(ds.aggregates().byChannel().stream().allMatch(c -> c.label().length() < 256));

        // the whole job with its report: finishes (it hung for 10 minutes before), exit 0
        Path store = tmp.resolve("store-huge"), report = tmp.resolve("report-huge");
        Run r = analysis(d.toString(), "--no-model", "--store", store.toString(), "--out", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(report.resolve("index.html")));
        assertTrue(r.out().contains("value too long: 2 rows rejected"), r.out());
    }

    @Test
    void aTextTableWithAMegabyteCellIsLinear() {
        String big = "x".repeat(1 << 20);
        report.TextTable t = report.TextTable.builder("wide", "label", "n", "note")
                .row(big, 1, "").row("a", 2, "").row("b", 3, "z").build();
        String text = assertTimeoutPreemptively(Duration.ofSeconds(60), t::toText, "quadratic padding would take minutes");
        List<String> lines = text.lines().toList();
        assertEquals(6, lines.size());
        for (String l : lines) assertEquals(l.stripTrailing(), l, "no trailing blanks");
        assertEquals(big + "  1", lines.get(3));
        assertEquals("a" + " ".repeat(big.length() - 1) + "  2", lines.get(4));
        assertEquals("b" + " ".repeat(big.length() - 1) + "  3  z", lines.get(5));
    }

    // ------------------------------------------------------------------ column types are the user's call

    @Test
    void aMostlyNumericColumnIsAlertedAndDeclaredTypesWinThroughPredict() throws Exception {
        Path d = fixture("junk-age");
        Path people = d.resolve("people.csv");
        int junk = edit(people, 1, (i, v) -> i % 50 == 3 ? "unknown" : null);
        Dataset ds = load(d);
        ColumnInfo age = ds.demographics().stream().filter(c -> c.name().equals("age")).findFirst().orElseThrow();
        assertEquals(ColumnKind.CATEGORICAL, age.kind());
        long levels = ds.people().stringColumn("age").asList().stream().filter(s -> !s.isEmpty()).distinct().count();
        long nonEmpty = ds.people().stringColumn("age").asList().stream().filter(s -> !s.isEmpty()).count();
        double share = (double) (nonEmpty - junk) / nonEmpty;
        int col = dataLine(people, 3).indexOf(",unknown") + 2;
        String alert = String.format("alert: %s: column 'age' is %.1f%% numbers but is read as categorical (%,d levels) because %.1f%% of its values"
                + " are not (first: 'unknown' at %s:5:%d); declare its type: --numeric age (the others become missing) or --categorical age",
                people, 100 * share, levels, 100 * (1 - share), people, col);
        assertEquals(List.of(alert), ds.report().alerts());

        // declared numeric: the junk cells become missing, are counted, and alerted (2% > 1%)
        Dataset num = load(d, IngestOptions.defaults().withDeclaredKinds("age", null));
        assertEquals(ColumnKind.NUMERIC, num.demographics().stream().filter(c -> c.name().equals("age")).findFirst().orElseThrow().kind());
        assertEquals(junk, num.report().file("people.csv").count(Problem.BAD_NUMBER));
        assertEquals(1, num.report().alerts().size(), num.report().alerts().toString());
        assertTrue(num.report().alerts().get(0).startsWith(String.format("alert: %s has %,d cells that are not numbers in numeric columns (set to missing)"
                + " in 3,000 rows; first: %s:5:%d: unparseable number: expected a number in column 'age' (declared), found 'unknown'", people, junk, people, col)),
                num.report().alerts().get(0));
        assertThrows(IllegalArgumentException.class, () -> IngestOptions.defaults().withDeclaredKinds("age", "age"));

        // the job: alert on stderr by default
        Run detected = analysis(d.toString(), "--no-model", "--no-plots", "--store", tmp.resolve("store-junk0").toString());
        assertEquals(0, detected.code(), detected.err());
        assertTrue(detected.errLines().contains(alert), detected.err());

        // --numeric age: the model treats age as a number; --categorical household_size: as categories
        Path store = tmp.resolve("store-declared");
        Run r = analysis(d.toString(), "--numeric", "age", "--categorical", "household_size", "--no-plots", "--store", store.toString());
        assertEquals(0, r.code(), r.err());
        model.ModelCard card;
        try (var st = storage.Stores.open(store.toString())) {
            card = model.ModelCard.load(st, model.ModelCard.DEFAULT_KEY);
        }
        assertTrue(card.spec().numeric().stream().anyMatch(t -> t.column().equals("age")), card.spec().toString());
        assertTrue(card.spec().categorical().stream().anyMatch(t -> t.column().equals("household_size")), card.spec().toString());
        assertTrue(card.spec().numeric().stream().noneMatch(t -> t.column().equals("household_size")), card.spec().toString());

        // predict reads the new people with the card's types: 'unknown' ages are missing numbers, household_size categories
        Path predictions = tmp.resolve("predictions.csv");
        Run pr = analysis("predict", "--people", people.toString(), "--store", store.toString(), "--out", predictions.toString());
        assertTrue(pr.code() == 0 || pr.code() == 3, pr.err());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(3001, lines.size(), "one prediction line per person");
        assertEquals("person_id,predicted_exposures,lower_90,upper_90,p_zero", lines.get(0));
    }

    // ------------------------------------------------------------------ any locale

    @Test
    void compilesAndRunsUnderTheCLocaleOnAColdCache() throws Exception {
        Path d = fixture("locale");
        edit(d.resolve("people.csv"), 4, (i, v) -> i % 10 == 0 ? raw("\u00CEle-de-France".getBytes(StandardCharsets.UTF_8)) : null);
        Path cache = tmp.resolve("cold-cache"), persons = tmp.resolve("locale-persons.csv");
        Run r = analysis(Map.of("LANG", "C", "LC_ALL", "C", "JBANG_CACHE_DIR", cache.toString()),
                d.toString(), "--no-model", "--no-plots", "--store", tmp.resolve("store-locale").toString(), "--export-persons", persons.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("unmappable character"), r.err());
        assertTrue(r.err().contains("Building jar for analysis.java"), "a cold cache: the script was compiled in this locale: " + r.err());
        String csv = Files.readString(persons, StandardCharsets.UTF_8);
        assertEquals(300, csv.lines().filter(l -> l.contains(",\u00CEle-de-France,")).count(), "UTF-8 written whatever the locale");
    }

    @Test
    void everyScriptDeclaresItsSourceEncodingAndTheOthersBuildUnderTheCLocale() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(root)) {
            scripts = s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                    .filter(p -> !root.relativize(p).toString().startsWith("work/") && !root.relativize(p).toString().startsWith("out/"))
                    .filter(p -> { try { return Files.readString(p).startsWith("///usr/bin/env jbang"); } catch (IOException e) { return false; } })
                    .toList();
        }
        assertTrue(scripts.size() >= 20, "found the scripts: " + scripts);
        List<String> missing = scripts.stream().filter(p -> {
            try { return Files.readAllLines(p).stream().noneMatch(l -> l.equals("//JAVAC_OPTIONS -encoding UTF-8")); } catch (IOException e) { return true; }
        }).map(p -> root.relativize(p).toString()).toList();
        assertEquals(List.of(), missing, "scripts without //JAVAC_OPTIONS -encoding UTF-8 (javac would read them as US-ASCII under LANG=C)");
        // the other entry points build in the C locale on a cold cache too (analysis.java: the test above)
        Path cache = tmp.resolve("cold-cache-2");
        for (String script : List.of("slices.java", "shell.java", "data/generate.java")) {
            ProcessBuilder pb = new ProcessBuilder(root.resolve("jbang").toString(), "build", root.resolve(script).toString()).directory(tmp.toFile());
            pb.environment().putAll(Map.of("LANG", "C", "LC_ALL", "C", "JBANG_CACHE_DIR", cache.toString()));
            Path log = Files.createTempFile(tmp, "build", ".log");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process p = pb.start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), script + " build did not finish");
            assertEquals(0, p.exitValue(), script + ": " + Files.readString(log));
            assertFalse(Files.readString(log).contains("unmappable"), Files.readString(log));
        }
    }

    static final int MAX_LINE = 180; // .editorconfig's max_line_length for *.java

    /** "file:line (N chars)" for each line over MAX_LINE characters; lines inside a text block are exempt (wrapping them would change the string). */
    static List<String> overlongLines(String name, List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean inTextBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            boolean exempt = inTextBlock;
            if ((l.split("\"\"\"", -1).length - 1) % 2 == 1) inTextBlock = !inTextBlock;
            if (!exempt && l.length() > MAX_LINE) out.add(name + ":" + (i + 1) + " (" + l.length() + " chars)");
        }
        return out;
    }

    @Test
    void everyJavaLineFitsTheLineLimit() throws Exception {
        String over = "x".repeat(MAX_LINE + 1), q = "\"\"\"";
        assertEquals(List.of("t.java:1 (181 chars)", "t.java:6 (181 chars)"),
                overlongLines("t.java", List.of(over, "String s = " + q, over, q + ";", over.substring(1), over)),
                "the check flags code lines, not text-block lines, and counts lines from 1");
        Set<String> buildOutput = Set.of(".git", "work", "out", "target", "results", ".jbang", ".nextflow", "tmp");
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                    .filter(p -> { for (Path part : root.relativize(p)) if (buildOutput.contains(part.toString())) return false; return true; })
                    .sorted().toList();
        }
        assertTrue(sources.size() >= 100, "found the project's *.java: " + sources.size());
        List<String> over180 = new ArrayList<>();
        for (Path p : sources) over180.addAll(overlongLines(root.relativize(p).toString(), Files.readAllLines(p, StandardCharsets.UTF_8)));
        assertEquals(List.of(), over180, "lines over " + MAX_LINE + " characters (.editorconfig's max_line_length; wrap them, splitting strings with +)");
    }
}
