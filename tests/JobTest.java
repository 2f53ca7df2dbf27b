///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx2g
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES testkit/JUnitMain.java
//SOURCES ../cli/*.java ../job/*.java ../storage/*.java ../ingest/*.java ../stats/*.java ../report/*.java ../model/*.java ../synth/*.java
//SOURCES ../slices/*.java
// End-to-end tests of the main job (package job) and of the one exit-code policy (package cli).
// Run: ./jbang tests/JobTest.java [--filter NAME]
//
// In-process: job.AnalysisJob on the committed sample and on bad-data fixtures the test makes in a temp
// folder (synth people, then edited): a people file with only person_id, 2% of ages 'unknown', an age of
// 1e300, 10 and 30 people. Each: exit code, the exact stderr line, the EDA tables in the (temporary) store,
// the report written and saying what is missing. As a child process: the real analysis.java through
// ./jbang, for exit codes, stderr and the command line (--help, -V, --store FILE, predict on no store).

import cli.ExitCode;
import job.AnalysisJob;
import job.AnalysisOptions;
import job.AnalysisResult;
import job.PredictJob;
import job.Step;
import job.StepResult;
import model.FitOptions;
import model.ModelCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storage.StorageException;
import storage.Store;
import storage.Stores;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class JobTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, JobTest.class); }

    static final String HINT = "; run with --no-model to skip the models";
    static Path root, tmp, sample, base;

    @BeforeAll
    static void fixtures() throws IOException {
        root = Path.of("jbang").toAbsolutePath().getParent();
        if (!Files.exists(root.resolve("analysis.java"))) root = root.getParent(); // run from tests/
        sample = root.resolve("data");
        tmp = Files.createTempDirectory("job-test");
        base = tmp.resolve("base");
        synth.Generator.run(new synth.Generator.Config(400, 3, base));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A copy of the base fixture whose people.csv is rewritten line by line (header is line 0). */
    interface LineEdit { String apply(int line, String text); }

    static synchronized Path variant(String name, LineEdit edit) throws IOException {
        Path d = tmp.resolve(name);
        if (Files.isDirectory(d)) return d; // made by an earlier test
        Files.createDirectories(d);
        for (String f : List.of("exposures.csv", "site_visits.csv")) Files.copy(base.resolve(f), d.resolve(f));
        List<String> lines = Files.readAllLines(base.resolve("people.csv")), out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) out.add(edit.apply(i, lines.get(i)));
        Files.write(d.resolve("people.csv"), out);
        return d;
    }

    /** people.csv column 1 (age) replaced on the lines where pick says so. */
    static LineEdit age(java.util.function.IntPredicate pick, String value) {
        return (i, l) -> {
            if (i == 0 || !pick.test(i)) return l;
            String[] f = l.split(",", -1);
            f[1] = value;
            return String.join(",", f);
        };
    }

    record Ran(AnalysisResult result, String out, String err, Path store, Path report) {}

    /** The job in-process, with a fresh temporary store and report folder; bootstrap off (speed), two threads. */
    static Ran job(Path dir, String name) {
        Path store = tmp.resolve("store-" + name), report = tmp.resolve("report-" + name);
        AnalysisOptions o = AnalysisOptions.of(dir).withStore(store.toString()).withReportDir(report)
                .withFit(FitOptions.defaults().withBootstrap(0).withThreads(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        AnalysisResult r = AnalysisJob.run(o, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), store, report);
    }

    /** stderr without the progress lines ("[   0.6s] reading ... done", and the models' indented own steps). */
    static List<String> messages(String err) {
        return err.lines().filter(l -> !l.startsWith("[") && !l.startsWith(" ")).toList();
    }

    /** Checks what every model-step failure must leave: EDA tables stored, report written and marked, no card. */
    static void assertPartial(Ran r, String modelCause) throws IOException {
        String line = "analysis: fitting the exposure models failed: " + modelCause + HINT;
        assertEquals(ExitCode.PARTIAL, r.result().exitCode(), r.err());
        assertEquals(List.of(line), messages(r.err()).stream().filter(l -> l.contains("failed:") && !l.contains("partial result")).toList(), r.err());
        assertTrue(r.err().contains("analysis: partial result (exit code 4): failed: fitting the exposure models; done: "), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace for a data problem:\n" + r.err());
        StepResult m = r.result().step(Step.MODELS);
        assertTrue(m.failed());
        assertEquals(modelCause, m.reason());
        assertEquals(StepResult.Status.SKIPPED, r.result().step(Step.MODEL_CARD).status());
        assertEquals(-1, r.result().cardVersion());
        // what succeeded is saved and written
        try (Store st = Stores.open(r.store().toString())) {
            for (String key : List.of("eda/overview", "eda/by_ad", "eda/by_channel", "eda/ingestion_report")) {
                assertTrue(r.result().savedTables().containsKey(key), key);
                Table t = st.loadTable(key);
                assertEquals(r.result().savedTables().get(key).table().rowCount(), (long) t.rowCount(), key);
                assertTrue(t.rowCount() > 0, key);
            }
            assertThrows(StorageException.NotFound.class, () -> st.describe(ModelCard.DEFAULT_KEY));
        }
        assertEquals(r.report().resolve("index.html"), r.result().report());
        String html = Files.readString(r.result().report());
        assertTrue(html.contains("Not in this report: fitting the exposure models failed: "), "the report says which part is missing");
        assertTrue(html.contains("Patterns of exposure"), "the exploratory sections are in the report");
        assertTrue(r.out().contains("== Overview =="), "the EDA was printed");
    }

    // ------------------------------------------------------------------ the sample, end to end

    @Test
    void sampleRunsEndToEndInProcessAndPredictScoresWithTheSavedCard() throws IOException {
        Ran r = job(sample, "sample");
        AnalysisResult res = r.result();
        assertEquals(ExitCode.OK, res.exitCode(), r.err());
        assertEquals(List.of(), messages(r.err()).stream().filter(l -> l.startsWith("analysis:")).toList());
        for (StepResult s : res.steps()) {
            if (s.step() == Step.EXPORT_PERSONS) assertEquals(StepResult.Status.SKIPPED, s.status());
            else assertTrue(s.ok(), s.toString());
        }
        assertTrue(res.savedTables().size() >= 14, res.savedTables().keySet().toString());
        assertEquals(ModelCard.DEFAULT_KEY, res.cardKey());
        assertEquals(1, res.cardVersion());
        try (Store st = Stores.open(r.store().toString())) {
            for (var e : res.savedTables().entrySet()) assertEquals(e.getValue().version(), st.describe(e.getKey()).version(), e.getKey());
            Table files = st.loadTable("eda/ingestion_report");
            assertEquals(res.savedTables().get("eda/ingestion_report").table().rowCount(), (long) files.rowCount());
            ModelCard card = ModelCard.load(st, res.cardKey(), res.cardVersion());
            assertEquals(res.models().recommended(), card.kind());
        }
        String html = Files.readString(res.report());
        assertFalse(html.contains("Not in this report"), "a complete run has no missing-part warning");
        assertTrue(html.contains("Exposure model"), "the model section is in the report");

        // one "Recommended" statement: the CV pick and the final choice together
        List<String> rec = r.out().lines().filter(l -> l.contains("Recommended")).toList();
        assertEquals(1, rec.size(), rec.toString());
        assertTrue(rec.get(0).startsWith("Recommended model: " + res.models().recommended().label()), rec.get(0));

        // a second run adds versions; predict scores the training people with the latest card (no drift)
        Ran again = job(sample, "sample");
        assertEquals(2, again.result().cardVersion());
        Path preds = tmp.resolve("predictions.csv");
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        PredictJob.Result p = PredictJob.run(new PredictJob.Options(sample.resolve("people.csv"), r.store().toString(),
                ModelCard.DEFAULT_KEY, -1, preds), quiet, quiet);
        assertEquals(ExitCode.OK, p.exitCode());
        assertEquals(3001, Files.readAllLines(preds).size(), "header + one line per person");
    }

    // ------------------------------------------------------------------ steps fail alone (issue 12)

    @Test
    void peopleFileWithOnlyPersonIdKeepsTheEdaAndSaysWhyThereIsNoModel() throws IOException {
        Path d = variant("id-only", (i, l) -> l.split(",", -1)[0]);
        assertPartial(job(d, "id-only"), "people.csv has no demographic columns besides 'person_id', so there is nothing to model exposures on");
    }

    @Test
    void twoPercentUnknownAgesNameTheColumnAndAnExample() throws IOException {
        Path d = variant("unknown-age", age(i -> i % 50 == 0, "unknown"));
        // 8 of the 400 ages are 'unknown'; the generator leaves some ages blank (missing), so 'of' counts the present ones
        Ran r = job(d, "unknown-age");
        long present = Files.readAllLines(d.resolve("people.csv")).stream().skip(1).filter(l -> !l.split(",", -1)[1].isEmpty()).count();
        assertPartial(r, "table 'persons': column 'age' holds text (8 of " + present + " values are not numbers, e.g. 'unknown' (person_id 50)),"
                + " but the model reads it as a number: correct or blank those values");
    }

    @Test
    void anAgeOf1e300IsNamedWithThePerson() throws IOException {
        Path d = variant("huge-age", age(i -> i == 4, "1e300"));
        assertPartial(job(d, "huge-age"), "table 'persons': column 'age' has the value 1e300 (person_id 4), too large to model"
                + " (at most 1e100 in size after age10 = (age - 45) / 10): correct or blank it");
    }

    @Test
    void tenPeopleAreTooFewForTheModelsButTheEdaIsKept() throws IOException {
        Path d = tmp.resolve("ten");
        synth.Generator.run(new synth.Generator.Config(10, 5, d));
        Ran r = job(d, "ten");
        String cause = r.result().step(Step.MODELS).reason();
        assertNotNull(cause, r.err());
        // fewer people than the 15 coefficients of the generator's design: no CV rule can rescue that
        assertTrue(cause.contains("coefficients"), cause);
        assertPartial(r, cause);
    }

    @Test
    void thirtyPeopleEitherFitOrFailAloneWithTheHint() throws IOException {
        // Small-data CV is being made to work (issue 12, "small data works"); until then the model step may
        // fail. Either way the rest of the job must be intact.
        Path d = tmp.resolve("thirty");
        synth.Generator.run(new synth.Generator.Config(30, 3, d));
        Ran r = job(d, "thirty");
        if (r.result().exitCode() == ExitCode.OK) {
            assertTrue(r.result().cardVersion() >= 1);
            assertNotNull(r.result().report());
        } else {
            assertPartial(r, r.result().step(Step.MODELS).reason());
        }
    }

    @Test
    void badInputStopsTheJobWithExitCode2AndSavesNothing() {
        Ran r = job(tmp.resolve("no-such-folder"), "no-input");
        assertEquals(ExitCode.INPUT, r.result().exitCode());
        assertEquals(List.of("analysis: missing folder: " + tmp.resolve("no-such-folder")), messages(r.err()));
        assertTrue(r.result().savedTables().isEmpty());
        assertNull(r.result().report());
        assertEquals(StepResult.Status.SKIPPED, r.result().step(Step.REPORT).status());
        assertFalse(Files.exists(r.report()));
    }

    @Test
    void aReportFolderThatCannotBeWrittenFailsAloneWithTablesAndCardSaved() throws IOException {
        Path blocker = tmp.resolve("report-is-a-file");
        Files.writeString(blocker, "not a folder");
        Path store = tmp.resolve("store-report-fails");
        AnalysisOptions o = AnalysisOptions.of(base).withStore(store.toString()).withReportDir(blocker)
                .withFit(FitOptions.defaults().withBootstrap(0).withThreads(2));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        AnalysisResult r = AnalysisJob.run(o, quiet, new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.PARTIAL, r.exitCode(), e);
        assertTrue(r.step(Step.REPORT).failed());
        assertTrue(messages(e).get(0).startsWith("analysis: writing the HTML report failed: cannot write report to " + blocker), e);
        assertEquals(1, r.cardVersion(), "the card is saved before the report is written");
        assertTrue(r.savedTables().containsKey("eda/overview"));
    }

    // ------------------------------------------------------------------ one exit-code policy

    @Test
    void exitCodesFollowOnePolicyByRealTypes() {
        assertEquals(ExitCode.INPUT, ExitCode.of(new IllegalArgumentException("bad")));
        assertEquals(ExitCode.INPUT, ExitCode.of(new model.ModelException("bad column")));
        assertEquals(ExitCode.INPUT, ExitCode.of(new StorageException.NotFound("k", "no such key")));
        assertEquals(ExitCode.STORAGE, ExitCode.of(new StorageException.BackendFailure("s", "disk full", null)));
        assertEquals(ExitCode.STORAGE, ExitCode.of(new UncheckedIOException(new IOException("read-only"))));
        assertEquals(ExitCode.BUG, ExitCode.of(new NullPointerException()));
        assertEquals(ExitCode.BUG, ExitCode.PARTIAL.worse(ExitCode.BUG));
        assertEquals(ExitCode.PARTIAL, ExitCode.PARTIAL.worse(ExitCode.OK));
        // slices.java uses the same codes: a store that is a file is a one-line usage error (2), as in analysis
        Path blocker = tmp.resolve("slice-store-file");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        try {
            Files.writeString(blocker, "x");
            Path csv = tmp.resolve("s.csv");
            Files.writeString(csv, "g,x,y\na,1,2\na,2,3\na,3,5\n");
            int code = slices.SliceJob.main(new String[] {csv.toString(), "--by", "g", "--x", "x", "--y", "y", "--out", tmp.resolve("s-out").toString(),
                    "--no-plots", "--store", blocker.toString()}, quiet, new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(ExitCode.INPUT.code(), code);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals("slices: --store " + blocker + " is a file, not a folder: give a folder (created if missing) or a store URI"
                + " (file:///path, s3://bucket/prefix, jdbc:sqlite:FILE, jdbc:postgresql://...)\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void predictNeverCreatesAStore() {
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        for (String uri : List.of(tmp.resolve("absent-store").toString(), "file://" + tmp.resolve("absent-store-2"),
                "jdbc:sqlite:" + tmp.resolve("absent.db"))) {
            var o = new PredictJob.Options(base.resolve("people.csv"), uri, ModelCard.DEFAULT_KEY, -1, tmp.resolve("never.csv"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictJob.run(o, quiet, quiet));
            assertEquals(ExitCode.INPUT, ExitCode.of(e));
            assertTrue(e.getMessage().startsWith("--store " + uri + " "), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("absent-store")));
        assertFalse(Files.exists(tmp.resolve("absent-store-2")));
        assertFalse(Files.exists(tmp.resolve("absent.db")));
        assertFalse(Files.exists(tmp.resolve("never.csv")));
    }

    // ------------------------------------------------------------------ the real script, as a child process

    record Proc(int code, String out, String err) {}

    static Proc script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("jbang").toString(), root.resolve("analysis.java").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        // a JBang cache of the test's own: the first run of a build writes the job's class-data archive, and a run
        // that stops early (most here) would leave a small one in the user's cache (later runs ~0.2 s slower)
        pb.environment().put("JBANG_CACHE_DIR", tmp.resolve("child-jbang-cache").toString());
        Path out = Files.createTempFile(tmp, "out", ".txt"), err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "analysis.java did not finish");
        // the first run builds the jar: JBang's own lines are not the script's
        String e = Files.readString(err).lines().filter(l -> !l.startsWith("[jbang]")).reduce("", (a, b) -> a + b + "\n");
        return new Proc(p.exitValue(), Files.readString(out), e);
    }

    @Test
    void theScriptRunsTheSampleWithExitCode0AndOneRecommendedLine() throws Exception {
        Path store = tmp.resolve("script-store"), report = tmp.resolve("script-report");
        Proc p = script(sample.toString(), "--store", store.toString(), "--out", report.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(List.of(), messages(p.err()).stream().filter(l -> l.startsWith("analysis:")).toList(), p.err());
        // nothing but the job's own lines: no logging framework's start-up notes (slf4j names its provider quietly)
        assertEquals(List.of(), p.err().lines().filter(l -> l.contains("SLF4J") || l.startsWith("WARNING")).toList(), p.err());
        assertEquals(1, p.out().lines().filter(l -> l.contains("Recommended")).count(), "one Recommended statement per run");
        assertTrue(Files.exists(report.resolve("index.html")));
        assertTrue(Files.isDirectory(store.resolve("eda/overview")));
        assertTrue(Files.isDirectory(store.resolve("models/exposure/card")));
        Proc pr = script("predict", "--people", sample.resolve("people.csv").toString(), "--store", store.toString(),
                "--out", tmp.resolve("script-predictions.csv").toString());
        assertEquals(0, pr.code(), pr.err());
        assertTrue(pr.err().contains("predictions: " + tmp.resolve("script-predictions.csv")), pr.err());
    }

    @Test
    void theScriptExitsWith4AndOneModelLineWhenOnlyTheModelsFail() throws Exception {
        Path d = variant("id-only", (i, l) -> l.split(",", -1)[0]);
        Path store = tmp.resolve("script-id-only-store");
        Proc p = script(d.toString(), "--store", store.toString(), "--out", tmp.resolve("script-id-only-report").toString());
        assertEquals(4, p.code(), p.err());
        List<String> m = messages(p.err());
        assertEquals("analysis: fitting the exposure models failed: people.csv has no demographic columns besides 'person_id',"
                + " so there is nothing to model exposures on" + HINT, m.get(0), p.err());
        assertTrue(m.get(m.size() - 1).startsWith("analysis: partial result (exit code 4): failed: fitting the exposure models; done: "), p.err());
        assertFalse(p.err().contains("Exception"), p.err());
        assertTrue(Files.isDirectory(store.resolve("eda/overview")), "EDA tables saved");
        assertFalse(Files.exists(store.resolve("models")), "no card");
        assertTrue(Files.readString(tmp.resolve("script-id-only-report/index.html")).contains("Not in this report: fitting the exposure models failed"));
    }

    @Test
    void commandLineHelpVersionAndStoreMistakes() throws Exception {
        Proc help = script("predict", "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: analysis predict"), help.out());
        assertTrue(help.out().contains("--card-version"), help.out());
        Proc mainHelp = script("--help");
        assertEquals(0, mainHelp.code());
        for (ExitCode c : ExitCode.values()) assertTrue(mainHelp.out().contains("  " + c.code() + "  " + c.meaning()), "exit code table in --help: " + c);

        Proc v = script("-V");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("exposure-toolkit " + cli.Version.NUMBER + "\n"), v.out());
        assertEquals(0, script("predict", "-V").code());

        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        Proc st = script(base.toString(), "--store", file.toString(), "--no-plots");
        assertEquals(2, st.code());
        assertEquals("analysis: --store " + file + " is a file, not a folder: give a folder (created if missing) or a store URI"
                + " (file:///path, s3://bucket/prefix, jdbc:sqlite:FILE, jdbc:postgresql://...)\n", st.err());

        Path none = tmp.resolve("no-store-here");
        Proc pr = script("predict", "--people", base.resolve("people.csv").toString(), "--store", none.toString());
        assertEquals(2, pr.code());
        assertEquals("analysis: --store " + none + " does not exist (run the analysis with this --store first, it saves the model card there)\n", pr.err());
        assertFalse(Files.exists(none), "predict does not create a missing store");

        Proc bad = script(tmp.resolve("missing-input").toString(), "--store", tmp.resolve("unused-store").toString());
        assertEquals(2, bad.code());
        assertEquals(List.of("analysis: missing folder: " + tmp.resolve("missing-input")), messages(bad.err()));
    }

    @Test
    void aVisitLiftTableTheStoreCannotSaveFailsThatStepAloneWithTheStoresMessage() throws IOException {
        // a file where the store needs a key's folder: that one save fails, whether the visit lift saved its tables
        // while the models still ran or after them
        Path store = tmp.resolve("store-lift-save-fails");
        Files.createDirectories(store.resolve("eda"));
        Files.writeString(store.resolve("eda/visit_lift_models"), "not a folder");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        AnalysisOptions o = AnalysisOptions.of(sample).withStore(store.toString()).withReportDir(null)
                .withFit(FitOptions.defaults().withBootstrap(0).withThreads(2));
        AnalysisResult r = AnalysisJob.run(o, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(List.of(Step.VISIT_LIFT), r.failures().stream().map(StepResult::step).toList(), err.toString(StandardCharsets.UTF_8));
        assertTrue(r.step(Step.VISIT_LIFT).reason().contains("visit_lift_models"), r.step(Step.VISIT_LIFT).reason());
        assertTrue(r.step(Step.SAVE_TABLES).ok() && r.step(Step.MODELS).ok() && r.step(Step.MODEL_CARD).ok());
        assertTrue(r.savedTables().containsKey("eda/overview"));
        assertFalse(r.savedTables().containsKey("eda/visit_lift_models"));
        assertTrue(r.savedTables().containsKey("eda/visit_lift_slopes"), "the tables saved before it stay saved and listed");
        assertNotNull(r.models());
    }

    @Test
    void pastTheOverlapLimitTheVisitLiftRunsBeforeTheModelsWithTheSameResults() {
        // past overlapMaxPeople (1M people: memory) the steps run one after another, the visit lift first so its
        // event times are garbage before the models' peak; what is printed and saved is the same
        Ran overlapped = job(sample, "overlap-default");
        Path store = tmp.resolve("store-overlap-0");
        AnalysisOptions o = AnalysisOptions.of(sample).withStore(store.toString()).withReportDir(null)
                .withFit(FitOptions.defaults().withBootstrap(0).withThreads(2)).withOverlapMaxPeople(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        AnalysisResult r = AnalysisJob.run(o, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK, r.exitCode(), e);
        List<Step> order = r.steps().stream().filter(StepResult::ok).map(StepResult::step).toList();
        assertTrue(order.indexOf(Step.VISIT_LIFT) < order.indexOf(Step.MODELS), order.toString());
        assertTrue(e.indexOf("] visit lift (") < e.indexOf("] fitting exposure models ("), e);
        assertFalse(e.contains("started beside"), e);
        List<Step> overlappedOrder = overlapped.result().steps().stream().filter(StepResult::ok).map(StepResult::step).toList();
        assertTrue(overlappedOrder.indexOf(Step.VISIT_LIFT) > overlappedOrder.indexOf(Step.MODELS), overlappedOrder.toString());
        // the lift's summary still follows the models' on stdout, and stdout is the same but for timings
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(withoutTimings(overlapped.out()).replace("store-overlap-default", "STORE"), withoutTimings(text).replace("store-overlap-0", "STORE"));
        // every table saved under the same key with the same bytes (the card holds timings: its coefficients agree)
        assertEquals(overlapped.result().savedTables().keySet(), r.savedTables().keySet());
        r.savedTables().forEach((k, m) -> assertEquals(overlapped.result().savedTables().get(k).sha256(), m.sha256(), k));
        assertArrayEquals(overlapped.result().models().negativeBinomial().coefficients(), r.models().negativeBinomial().coefficients());
    }

    /** Text with the seconds a step took ("0.4 s", "(1.2 s)", the models' "Timings (s):" line) blanked, so two runs can be compared. */
    static String withoutTimings(String s) {
        return s.replaceAll("\\d+\\.\\d+ s\\b", "# s").replaceAll("(?m)^Timings \\(s\\):.*$", "Timings");
    }

    // ------------------------------------------------------------------ the command line without picocli

    enum Kind { ALPHA, BETA }

    @picocli.CommandLine.Command(name = "demo", mixinStandardHelpOptions = true, subcommands = {Sub.class})
    static class Demo {
        @picocli.CommandLine.Parameters(index = "0", arity = "0..1", defaultValue = "data") Path dir;
        @picocli.CommandLine.Option(names = "--out", defaultValue = "plots") Path out;
        @picocli.CommandLine.Option(names = "--store", defaultValue = "results/store") String store;
        @picocli.CommandLine.Option(names = "--no-plots") boolean noPlots;
        @picocli.CommandLine.Option(names = "--share", defaultValue = "1") double share;
        @picocli.CommandLine.Option(names = "--threads") Integer threads;
        @picocli.CommandLine.Option(names = "--folds", defaultValue = "5") int folds;
        @picocli.CommandLine.Option(names = "--seed", defaultValue = "1") long seed;
        @picocli.CommandLine.Option(names = "--kind") Kind kind;

        List<Object> values() { return java.util.Arrays.asList(dir, out, store, noPlots, share, threads, folds, seed, kind); }
    }

    @picocli.CommandLine.Command(name = "sub")
    static class Sub {}

    @picocli.CommandLine.Command(name = "converted")
    static class Converted {
        static class Upper implements picocli.CommandLine.ITypeConverter<String> {
            public String convert(String v) { return v.toUpperCase(java.util.Locale.ROOT); }
        }
        @picocli.CommandLine.Option(names = "--name", converter = Upper.class, defaultValue = "x") String name;
    }

    @picocli.CommandLine.Command(name = "multi")
    static class Multi {
        @picocli.CommandLine.Option(names = {"-n", "--name"}, arity = "1..2") List<String> names;
    }

    @Test
    void theAnnotationsReadFromTheClassFileAreReflectionsValues() throws Exception {
        // every element the class file holds has reflection's value; an element it lacks is at its default
        for (Class<?> c : List.of(Demo.class, Sub.class, Converted.class, Multi.class)) {
            cli.ClassFileAnnotations.Of of = cli.ClassFileAnnotations.of(c);
            assertNotNull(of, c.getName());
            picocli.CommandLine.Command cmd = c.getAnnotation(picocli.CommandLine.Command.class);
            var fromFile = of.onClass().get("picocli.CommandLine$Command");
            assertEquals(cmd.name(), fromFile.get("name"));
            List<?> subs = fromFile.get("subcommands") instanceof List<?> l ? l : List.of();
            assertEquals(java.util.Arrays.stream(cmd.subcommands()).map(k -> "L" + k.getName().replace('.', '/') + ";").toList(), subs);
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                picocli.CommandLine.Option o = f.getAnnotation(picocli.CommandLine.Option.class);
                var a = of.field(f.getName(), "picocli.CommandLine$Option");
                assertEquals(o == null, a == null, f.getName());
                if (o == null) continue;
                assertEquals(List.of(o.names()), a.get("names"), f.getName());
                assertEquals(o.defaultValue(), a.values().getOrDefault("defaultValue", "__no_default_value__"), f.getName());
                assertEquals(o.arity(), a.values().getOrDefault("arity", ""), f.getName());
                assertEquals(o.converter().length == 0, a.get("converter") == null, f.getName());
            }
        }
        var p = cli.ClassFileAnnotations.of(Demo.class).field("dir", "picocli.CommandLine$Parameters");
        assertEquals(java.util.Map.of("index", "0", "arity", "0..1", "defaultValue", "data"), p.values());
    }

    @Test
    void quickArgsDefersOptionsWithAConverterOrAnArity() {
        Converted c = new Converted();
        assertFalse(cli.QuickArgs.parse(c, new String[] {"--name", "a"}));
        assertFalse(cli.QuickArgs.parse(c, new String[0]), "its default goes through the converter too");
        assertNull(c.name);
        assertFalse(cli.QuickArgs.parse(new Multi(), new String[] {"--name", "a"}));
    }

    @Test
    void quickArgsReadsAPlainCommandLineAsPicocliDoesAndDefersTheRest() {
        List<List<String>> plain = List.of(List.of(), List.of("in"), List.of("in", "--no-plots"), List.of("--store", "s3://b/p", "in"),
                List.of("--store=jdbc:sqlite:x.db", "--folds", "3", "--seed=-7", "--share", "0.5", "--threads", "2"),
                List.of("--kind", "beta", "--out", "rep", "--share=2e-3"), List.of("--store", "a=b", "--folds=10"), List.of("-"),
                List.of("--share=-3.5E2", "--seed", "0012"));
        for (List<String> args : plain) {
            Demo quick = new Demo(), pico = new Demo();
            assertTrue(cli.QuickArgs.parse(quick, args.toArray(new String[0])), "plain: " + args);
            new picocli.CommandLine(pico).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(new String[0]));
            assertEquals(pico.values(), quick.values(), "the fields picocli sets, for " + args);
        }
        // anything else is picocli's: help, version, a subcommand, unknown or repeated options, bad or missing
        // values, a value that looks like an option, too many parameters; nothing is set
        List<List<String>> deferred = List.of(List.of("--help"), List.of("-h"), List.of("-V"), List.of("--version"), List.of("sub"),
                List.of("--bogus"), List.of("--folds", "3", "--folds", "4"), List.of("--folds", "x"), List.of("--folds"),
                List.of("--folds", "99999999999"), List.of("--kind", "gamma"), List.of("--store", "--no-plots"), List.of("a", "b"),
                List.of("--no-plots=true"), List.of("--", "in"), List.of("--share", "1,5"), List.of("-hV"), List.of("--share=.5"),
                List.of("--share=1e"), List.of("--folds=-"));
        for (List<String> args : deferred) {
            Demo d = new Demo();
            assertFalse(cli.QuickArgs.parse(d, args.toArray(new String[0])), "deferred to picocli: " + args);
            assertEquals(new Demo().values(), d.values(), "nothing set for " + args);
        }
    }
}
