//SOURCES ../cli/*.java
//SOURCES ../storage/*.java
//SOURCES ../ingest/*.java
//SOURCES ../stats/*.java
//SOURCES ../report/*.java
//SOURCES ../model/*.java
package job;

import cli.ExitCode;
import ingest.Dataset;
import ingest.Ingest;
import ingest.EventTimes;
import ingest.IngestException;
import model.ExposureModelResult;
import model.ExposureModels;
import model.ExposureSpec;
import model.InputFingerprint;
import model.ModelCard;
import model.ModelCharts;
import model.ModelException;
import model.VisitLift;
import model.VisitLiftResult;
import report.ExposureReport;
import report.HtmlReport;
import storage.Metadata;
import storage.Store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The main job behind {@code analysis.java}: open the store, read and validate the input, explore it, save
 * the summary tables, fit the exposure models, save the model card, write the HTML report. From JShell:
 * <pre>{@code
 * var r = job.AnalysisJob.run(job.AnalysisOptions.of(Path.of("data")).withStore("/tmp/store"), System.out, System.err);
 * r.exitCode(); r.savedTables().keySet(); r.cardVersion(); r.report();
 * }</pre>
 * Tables go to {@code out}; progress and errors to {@code err}. Opening the store and reading the input
 * stop the job when they fail (exit {@link ExitCode#STORAGE} or {@link ExitCode#INPUT}); every later step
 * fails alone: one line on {@code err} naming the cause, the other steps still run, what they produce is
 * saved and written, the report says which part is missing and why, and the exit code is
 * {@link ExitCode#PARTIAL} ({@link ExitCode#BUG}, with the stack trace, when the cause is a bug). The
 * summary tables are saved before the models are fitted, so a slow or failing model step never costs them.
 * The visit lift reads only the ingested data, so it is computed on its own thread beside the EDA and the
 * models; its step then saves and prints it in the usual order (its result does not depend on the timing).
 * Past {@link #OVERLAP_MAX_PEOPLE} everything runs one step after another, the visit lift before the models
 * (memory); its summary is still printed after theirs.
 */
public final class AnalysisJob {
    private AnalysisJob() {}

    public static final String REPORT_KEY_PREFIX = "eda";
    static final String MODEL_HINT = "run with --no-model to skip the models";
    /** Up to this many people the models and the visit lift are computed beside the EDA (see withStore). */
    public static final int OVERLAP_MAX_PEOPLE = 500_000;

    public static AnalysisResult run(AnalysisOptions o, PrintStream out, PrintStream err) {
        return new Run(o, out, err).all();
    }

    /** One run's state: the steps so far and what they produced. */
    private static final class Run {
        final AnalysisOptions o;
        final PrintStream out, err;
        final Progress progress;
        final List<StepResult> steps = new ArrayList<>();
        final Map<String, Metadata> saved = new LinkedHashMap<>();
        String storeUri;
        ExposureModelResult fit;
        String cardKey;
        long cardVersion = -1;
        Path report;

        Run(AnalysisOptions o, PrintStream out, PrintStream err) {
            this.o = o; this.out = out; this.err = err; this.progress = new Progress(err);
        }

        AnalysisResult all() {
            // The store first, so a wrong --store fails in a second, not after the models are fitted.
            Store st = step(Step.OPEN_STORE, null, () -> cli.StoreOption.forWriting(o.store()));
            if (st == null) return result();
            try (st) {
                storeUri = st.uri();
                withStore(st);
            }
            return result();
        }

        private void withStore(Store st) {
            // Held only here (no local variable keeps it): the visit lift takes the event times, so that past
            // OVERLAP_MAX_PEOPLE, where it runs before the models, they are garbage while the models run.
            AtomicReference<EventTimes.Collector> events = new AtomicReference<>(o.visitLift() == null ? null : new EventTimes.Collector());
            Dataset ds = step(Step.INGEST, "reading " + o.dir(), () -> {
                Dataset d = Ingest.load(o.dir(), o.ingest(), events.get());
                if (o.visitLift() != null) VisitLift.check(d, o.visitLift());   // a wrong --visit-segment fails now, not after the models
                return d;
            });
            if (ds == null) return;
            ds.report().alerts().forEach(err::println);   // rows lost past the alert share: the cause on stderr
            // Started now, joined in their steps, each on a platform thread of its own (not the common pool,
            // which the models' parallel passes use): on 2 cores the EDA and the models leave a core idle much
            // of the time (serial parts between their parallel passes). The input files' SHA-256 for the model
            // card is a second read of every byte (90 MB at 200k people: 0.7 s). The visit lift overlaps the
            // models only up to OVERLAP_MAX_PEOPLE: past that both working sets at once cost more memory
            // (measured at 1M people: peak RSS 1.37 GB, above the 1.2 GB target) and save no time.
            CompletableFuture<List<InputFingerprint>> fingerprints = o.models() ? background("fingerprint", () -> InputFingerprint.of(ds)) : null;
            Supplier<ExposureModelResult> modelWork = () -> {
                ExposureSpec spec = ExposureSpec.preferred("exposures", ds.demographics());
                if (o.imputation() != null) spec = spec.withMissing(o.imputation());
                return ExposureModels.fit(ds.persons(), spec, o.fit().withProgress(err::println));   // the models' own steps (folds, bootstrap) on this job's stderr
            };
            // The models too start now up to OVERLAP_MAX_PEOPLE: the EDA is mostly one thread, the models' passes
            // use both cores, and the EDA tables are still saved as soon as they exist (a failing or slow model
            // step never costs them). Their sub-step lines then come between the EDA's.
            CompletableFuture<ExposureModelResult> modelsAhead = o.models() && ds.persons().rowCount() <= o.overlapMaxPeople()
                    ? background("models", modelWork) : null;
            Supplier<VisitLiftResult> liftWork = () -> VisitLift.analyse(ds, events.getAndSet(null).result(), o.visitLift().withSeed(o.fit().seed()));
            CompletableFuture<VisitLiftResult> liftAhead = o.visitLift() != null && ds.persons().rowCount() <= o.overlapMaxPeople()
                    ? background("visit-lift", liftWork) : null;
            out.print(ds.report().toText());
            out.println();

            if (o.exportPersons() != null)
                step(Step.EXPORT_PERSONS, "writing the per-person table to " + o.exportPersons(), () -> ds.writePersonsCsv(o.exportPersons()));
            else skip(Step.EXPORT_PERSONS, "not asked for (--export-persons FILE)");

            ExposureReport eda = step(Step.EDA, "exploratory analysis", () -> {
                ExposureReport e = ExposureReport.build(ds, ExposureReport.DEFAULT_TITLE, o.reportDir() != null);
                e.addTable("ingestion_report", ds.report().toTable());
                return e;
            });
            if (eda != null) out.print(eda.toText());

            // What exists is saved now: all tables, or at least the ingestion report when the EDA failed.
            step(Step.SAVE_TABLES, "saving summary tables to " + st.uri(), () -> {
                if (eda != null) saved.putAll(eda.saveTo(st, REPORT_KEY_PREFIX));
                else saved.put(REPORT_KEY_PREFIX + "/ingestion_report", st.saveTable(REPORT_KEY_PREFIX + "/ingestion_report", ds.report().toTable()));
                return saved;
            });

            // The visit lift, done beside the models, saves its tables while they still run (this thread would only
            // wait for them): the same saves in the same order, reported by the visit-lift step below as before. Its
            // failure to save is that step's failure; a lift that failed itself is left to that step whole.
            boolean saveLiftNow = liftAhead != null && modelsAhead != null && liftAhead.isDone() && !liftAhead.isCompletedExceptionally()
                    && !modelsAhead.isDone();
            Map<String, Metadata> liftSavedAhead = saveLiftNow ? new LinkedHashMap<>() : null;   // null: saved in its step
            RuntimeException liftSaveFailure = null;
            if (saveLiftNow) {
                try {
                    saveLiftTables(st, liftAhead.join(), liftSavedAhead);
                } catch (RuntimeException e) {
                    liftSaveFailure = e;
                }
            }

            // Past OVERLAP_MAX_PEOPLE the visit lift runs here, before the models, one after the other: its event
            // times (70 MB at 1M people) and working set are then garbage before the models' peak (the CV folds),
            // instead of held through it. Its summary is still printed after the models'.
            VisitLiftResult lift = null;
            boolean liftFirst = o.visitLift() != null && liftAhead == null;
            if (liftFirst) lift = liftStep(st, liftWork, null, null, null);

            if (o.models()) {
                fit = step(Step.MODELS, "fitting exposure models (OLS, Poisson, NB2; " + o.fit().folds() + "-fold CV"
                        + (modelsAhead != null ? "; started beside the exploratory analysis" : "") + ")",
                        () -> modelsAhead != null ? joined(modelsAhead) : modelWork.get());
                if (fit != null) {
                    out.println();
                    out.print(fit.summary());
                }
            } else skip(Step.MODELS, "not asked for (--no-model)");

            if (fit != null) {
                Metadata meta = step(Step.MODEL_CARD, "saving the model card to " + st.uri(), () ->
                        ModelCard.of(fit, fit.recommended(), joined(fingerprints)).save(st, ModelCard.DEFAULT_KEY));
                if (meta != null) {
                    cardKey = meta.key();
                    cardVersion = meta.version();
                    out.println("model card (" + fit.recommended().label() + ") saved: " + meta.key() + " version " + meta.version()
                            + " in " + st.uri() + "; score new people with: ./jbang analysis.java predict --people FILE --store " + o.store());
                }
            } else skip(Step.MODEL_CARD, o.models() ? "no models were fitted" : "not asked for (--no-model)");

            if (o.visitLift() != null) {
                if (!liftFirst) lift = liftStep(st, liftWork, liftAhead, liftSavedAhead, liftSaveFailure);
                if (lift != null) {
                    out.println();
                    out.print(lift.summary());
                }
            } else skip(Step.VISIT_LIFT, "not asked for (--no-visit-lift)");
            VisitLiftResult liftForReport = lift;

            if (o.reportDir() != null) {
                HtmlReport.Written w = step(Step.REPORT, "writing report to " + o.reportDir(), () -> {
                    HtmlReport html = eda != null ? eda.html() : new HtmlReport(ExposureReport.DEFAULT_TITLE);
                    for (StepResult s : steps) if (s.failed()) ExposureReport.missingPart(html, s.step().label(), s.reason());
                    if (fit != null) ModelCharts.addTo(html, fit);
                    if (liftForReport != null) liftForReport.addCharts(html);
                    return html.write(o.reportDir());
                });
                if (w != null) {
                    report = w.index();
                    err.println("report: " + w.index() + " (" + w.chartPages().size() + " chart pages; opens offline)");
                }
            } else skip(Step.REPORT, "not asked for (--no-plots)");
        }

        AnalysisResult result() {
            // steps that never ran (the job stopped early) are listed as skipped, with why
            for (Step s : Step.values()) {
                if (steps.stream().noneMatch(r -> r.step() == s)) {
                    StepResult stop = steps.stream().filter(StepResult::failed).findFirst().orElse(null);
                    skip(s, stop == null ? "not run" : "needs " + stop.step().label() + ", which failed");
                }
            }
            AnalysisResult r = new AnalysisResult(steps, storeUri, saved, fit, cardKey, cardVersion, report);
            if (r.failures().stream().anyMatch(f -> !f.step().stopsTheJob())) err.println("analysis: " + r.summary());
            return r;
        }

        /**
         * The visit-lift step: the lift computed beside the models ({@code ahead}, its tables already saved
         * into {@code savedAhead} unless that is null, {@code saveFailure} the failure of that save) or now
         * ({@code ahead} null), and its tables saved. A lift with nothing to estimate (e.g. nobody exposed)
         * is a skipped step, with why on err; the rest of the job stands.
         */
        private VisitLiftResult liftStep(Store st, Supplier<VisitLiftResult> work, CompletableFuture<VisitLiftResult> ahead,
                                         Map<String, Metadata> savedAhead, RuntimeException saveFailure) {
            String[] skipped = {null};
            VisitLiftResult lift = step(Step.VISIT_LIFT, "visit lift (adjusted visit models, dose-response, timing, by ad and channel)", () -> {
                if (savedAhead != null) {
                    saved.putAll(savedAhead);
                    if (saveFailure != null) throw saveFailure;
                    return joined(ahead);
                }
                VisitLiftResult r;
                try {
                    r = ahead != null ? joined(ahead) : work.get();
                } catch (ModelException e) {
                    skipped[0] = e.getMessage();
                    return null;
                }
                saveLiftTables(st, r, saved);
                return r;
            });
            if (skipped[0] != null) {
                steps.removeIf(r -> r.step() == Step.VISIT_LIFT);
                skip(Step.VISIT_LIFT, skipped[0]);
                err.println("analysis: visit lift skipped: " + skipped[0]);
            }
            return lift;
        }

        /** Saves the visit lift's tables under {@code eda/}, in order, adding each one's metadata to {@code into} as it is saved. */
        private static void saveLiftTables(Store st, VisitLiftResult r, Map<String, Metadata> into) {
            for (var t : r.tables().entrySet()) {
                String key = REPORT_KEY_PREFIX + "/" + t.getKey();
                into.put(key, st.saveTable(key, t.getValue()));
            }
        }

        /** Starts {@code work} now on a daemon thread of its own; {@link #joined} gets its value. */
        static <T> CompletableFuture<T> background(String name, Supplier<T> work) {
            return CompletableFuture.supplyAsync(work, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                t.start();
            });
        }

        /** The value of a computation started earlier; its RuntimeException or Error as if it had run here. */
        static <T> T joined(CompletableFuture<T> f) {
            try {
                return f.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error x) throw x;
                throw e;
            }
        }

        void skip(Step s, String why) { steps.add(StepResult.skipped(s, why)); }

        /**
         * Runs one step: its progress lines (when {@code what} is given), and on failure one line on err
         * and a FAILED result; returns null when it failed.
         */
        <T> T step(Step s, String what, Supplier<T> work) {
            long t0 = what == null ? System.nanoTime() : progress.begin(what);
            try {
                T v = work.get();
                steps.add(StepResult.done(s, what == null ? (System.nanoTime() - t0) / 1e9 : progress.end(what, t0, true)));
                return v;
            } catch (RuntimeException e) {
                double secs = what == null ? (System.nanoTime() - t0) / 1e9 : progress.end(what, t0, false);
                ExitCode cause = e instanceof IngestException ? ExitCode.INPUT : ExitCode.of(e);
                String reason = cause == ExitCode.BUG ? "unexpected " + e : e.getMessage();
                if (s.stopsTheJob()) {
                    // nothing else can run: the cause is the whole message, as for any one-line user error
                    if (cause == ExitCode.BUG) bug(s, e);
                    else err.println("analysis: " + reason);
                    steps.add(StepResult.failed(s, reason, cause, secs));
                } else {
                    if (cause == ExitCode.BUG) bug(s, e);
                    else err.println("analysis: " + s.label() + " failed: " + reason + (s == Step.MODELS ? "; " + MODEL_HINT : ""));
                    steps.add(StepResult.failed(s, reason, cause == ExitCode.BUG ? ExitCode.BUG : ExitCode.PARTIAL, secs));
                }
                return null;
            } catch (OutOfMemoryError e) {
                // a later step (the models, at millions of people) may need more heap than the rest; what
                // it allocated is garbage now, so the steps after it can still run
                if (s.stopsTheJob()) throw e;
                double secs = what == null ? (System.nanoTime() - t0) / 1e9 : progress.end(what, t0, false);
                String reason = "out of memory (heap limit " + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MB): give the JVM more, e.g. ./jbang -R-Xmx8g analysis.java ...";
                err.println("analysis: " + s.label() + " failed: " + reason + (s == Step.MODELS ? "; " + MODEL_HINT : ""));
                steps.add(StepResult.failed(s, reason, ExitCode.PARTIAL, secs));
                return null;
            }
        }

        private void bug(Step s, RuntimeException e) {
            err.println("analysis: " + s.label() + " failed with an unexpected error (a bug; please report it with this trace):");
            e.printStackTrace(err);
        }
    }
}
