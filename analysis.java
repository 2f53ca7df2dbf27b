///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:+UseParallelGC -Xmn128m
//CDS
// -Xmn128m: a fixed young generation; ParallelGC's adaptive sizing otherwise grows it to ~1 GB on 1M people
// (peak RSS 1.9 GB) though the live data stays ~0.8 GB; measured 1.1 GB RSS. //CDS: JBang's class-data sharing.
//DEPS info.picocli:picocli:4.7.7
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES storage/*.java storage/jdbc/*.java storage/s3/*.java ingest/*.java report/*.java stats/*.java model/*.java
// The main job: validate the exposure logs, explore them, model exposures per person, write the report.
//   ./jbang analysis.java data/                 everything, report in plots/index.html
//   ./jbang analysis.java predict --people new/people.csv   score new people with the stored model
// Thin by design: argument parsing and printing only; the work is in the packages (importable in JShell).
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "analysis", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Validate people.csv, exposures.csv and site_visits.csv in DIR, summarise them, fit the exposure"
                + " models, save the summary tables and model card to the store, and write an offline HTML report.",
        subcommands = {analysis.Predict.class})
class analysis implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "data",
            description = "folder with people.csv, exposures.csv, site_visits.csv (each may be .csv.gz); default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "plots", description = "report folder (index.html + chart pages); default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--store", paramLabel = "URI", defaultValue = "results/store",
            description = "where summary tables and the model card are saved, versioned: a path, file:///path, s3://bucket/prefix, jdbc:sqlite:FILE, jdbc:postgresql://...; default: ${DEFAULT-VALUE}")
    String store;

    @Option(names = "--no-plots", description = "skip the HTML report (tables are still printed and stored)")
    boolean noPlots;

    @Option(names = "--no-model", description = "skip the exposure models (exploratory analysis only)")
    boolean noModel;

    @Option(names = "--export-persons", paramLabel = "FILE",
            description = "also write the per-person table (demographics, exposures, visits, ...) as CSV, e.g. for slices.java")
    Path exportPersons;

    @Option(names = "--strict", description = "stop at the first bad input row (default: continue and report every problem with counts and line numbers)")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads for reading (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "cross-validation folds; default: ${DEFAULT-VALUE}")
    int folds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed for cross-validation folds and bootstrap; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--bootstrap", paramLabel = "R", defaultValue = "-1",
            description = "bootstrap resamples per model (one Newton step each from the full fit; 0 = off); default: 200 up to 200,000 rows, else off")
    int bootstrap;

    public static void main(String[] args) {
        System.exit(Cli.run(new analysis(), args));
    }

    @Override
    public Integer call() {
        // Open the store first, so a wrong --store fails in a second, not after the models are fitted.
        try (var st = storage.Stores.open(store)) {
            return run(st);
        }
    }

    private int run(storage.Store st) {
        Progress p = new Progress();
        var defaults = ingest.IngestOptions.defaults().withStrict(strict);
        var options = threads == null ? defaults : defaults.withThreads(threads);
        var ds = p.step("reading " + dir, () -> ingest.Ingest.load(dir, options));
        System.out.print(ds.report().toText());
        System.out.println();
        if (exportPersons != null) {
            p.step("writing the per-person table to " + exportPersons, () -> ds.writePersonsCsv(exportPersons));
        }
        var eda = p.step("exploratory analysis", () -> report.ExposureReport.build(ds));
        eda.addTable("ingestion_report", ds.report().toTable());
        System.out.print(eda.toText());

        model.ExposureModelResult fit = null;
        if (!noModel) {
            var spec = model.ExposureSpec.preferred("exposures", ds.demographics());
            var fitOptions = model.FitOptions.defaults().withFolds(folds).withSeed(seed).withBootstrap(bootstrap).withProgress(System.err::println);
            fit = p.step("fitting exposure models (OLS, Poisson, NB2; " + folds + "-fold CV)",
                    () -> model.ExposureModels.fit(ds.persons(), spec, fitOptions));
            System.out.println();
            System.out.print(fit.summary());
        }
        p.step("saving summary tables to " + st.uri(), () -> { eda.saveTo(st, "eda"); return null; });
        if (fit != null) {
            var card = model.ModelCard.of(fit, fit.recommended(), model.InputFingerprint.of(ds));
            var meta = card.save(st, model.ModelCard.DEFAULT_KEY);
            System.out.println("model card (" + fit.recommended() + ") saved: " + meta.key() + " version " + meta.version()
                    + " in " + st.uri() + "; score new people with: ./jbang analysis.java predict --people FILE --store " + store);
        }
        if (!noPlots) {
            if (fit != null) model.ModelCharts.addTo(eda.html(), fit);
            var written = p.step("writing report to " + out, () -> eda.write(out));
            System.err.println("report: " + written.index() + " (" + written.chartPages().size() + " chart pages; opens offline)");
        }
        return 0;
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Score a new people.csv with a stored exposure model card and report drift (PSI per input"
                    + " column and for the predictions: < 0.1 stable, 0.1-0.25 moderate, > 0.25 significant)."
                    + " Exit code 3 when any drift is significant.")
    static class Predict implements Callable<Integer> {
        @Option(names = "--people", required = true, paramLabel = "FILE", description = "people.csv (or .csv.gz) to score")
        Path people;

        @Option(names = "--store", paramLabel = "URI", defaultValue = "results/store", description = "store holding the model card; default: ${DEFAULT-VALUE}")
        String store;

        @Option(names = "--key", paramLabel = "KEY", defaultValue = model.ModelCard.DEFAULT_KEY, description = "model card key; default: ${DEFAULT-VALUE}")
        String key;

        @Option(names = "--version", paramLabel = "V", defaultValue = "-1", description = "card version; default: the latest")
        long version;

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "plots/predictions.csv", description = "predictions CSV (person_id,predicted_exposures); default: ${DEFAULT-VALUE}")
        Path out;

        @Override
        public Integer call() {
            try (var st = storage.Stores.open(store)) {
                var scoring = model.Predictor.load(st, key, version).score(people);
                var written = scoring.writeCsv(out);
                System.out.print(scoring.summary());
                System.err.println("predictions: " + written);
                boolean significant = scoring.drift().flagged().stream().anyMatch(r -> r.level() == model.DriftRow.Level.SIGNIFICANT);
                return significant ? 3 : 0;
            }
        }
    }

    /** Timed progress lines on stderr, so stdout stays the tables. */
    static final class Progress {
        private final long start = System.nanoTime();

        <T> T step(String what, java.util.function.Supplier<T> work) {
            long t0 = System.nanoTime();
            System.err.printf("[%6.1fs] %s ...%n", (t0 - start) / 1e9, what);
            T result = work.get();
            System.err.printf("[%6.1fs] %s done (%.1f s)%n", (System.nanoTime() - start) / 1e9, what, (System.nanoTime() - t0) / 1e9);
            return result;
        }
    }

    /** picocli with user mistakes reported as one line, not a stack trace. */
    static final class Cli {
        static int run(Object command, String[] args) {
            CommandLine cl = new CommandLine(command);
            cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
                // User mistakes (bad input, unknown key, missing column) are one line; bugs keep their trace.
                if (ex instanceof ingest.IngestException || ex instanceof IllegalArgumentException
                        || ex instanceof storage.StorageException || ex instanceof java.io.UncheckedIOException) {
                    cmd.getErr().println("analysis: " + ex.getMessage());
                    return 1;
                }
                throw ex;
            });
            return cl.execute(args);
        }
    }
}
