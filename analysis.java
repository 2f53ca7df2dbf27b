///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -XX:+UseParallelGC -Xmn64m -XX:GCTimeRatio=4 -XX:TieredStopAtLevel=1 -Xlog:cds*=off -Dslf4j.provider=org.slf4j.nop.NOPServiceProvider -Dslf4j.internal.verbosity=WARN
//CDS
// -XX:TieredStopAtLevel=1 (C1 only): on 2 cores the C2 compiler thread competes with the job for a core; measured
// whole process, this machine: 3k people 2.44 -> 1.43 s, 200k 9.1 -> 7.1 s, 1M 24.5 vs 25.2 s (a wash).
// -Xmn64m: a fixed young generation; ParallelGC's adaptive sizing otherwise grows it to ~1 GB on 1M people
// (peak RSS 1.9 GB) though the live data stays ~0.8 GB; measured 1.1 GB RSS at 1M (1.26 GB with -Xmn128m under C1).
// -XX:GCTimeRatio=4: ParallelGC's default goal (GC under 1% of the time) is never met at 1M people (~20%: the
// models' 8 MB arrays outlive the fixed young generation), so it kept growing the old generation to ~1.8x the
// live data. Measured at 1M, alternating runs: peak RSS 1.09-1.15 GB -> 0.99-1.05 GB, wall time the same
// (17.8-21.3 s vs 17.4-19.6 s); 200k and 3k people unchanged.
// //CDS: JBang's class-data sharing.
// -Xlog:cds*=off: the first run writes the archive and would print ~300 "not supported by CDS" warnings on stdout.
// -Dslf4j.provider and stats/*.java first in //SOURCES: the job then opens 17 of its 72 jars, not all of them.
// A class a run loads from a jar (commons-math3 and picocli are Java 5 bytecode, which CDS cannot archive) opens
// every jar before it on the class path: commons-math3 was 71st, now 17th. slf4j's provider lookup (a
// ServiceLoader) opened all the jars; the property names slf4j-nop's provider instead (slf4j 2.0.9+), and
// slf4j.internal.verbosity=WARN keeps slf4j from saying so on stderr at every start (an INFO line).
//DEPS info.picocli:picocli:4.7.7
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES stats/*.java storage/*.java storage/jdbc/*.java storage/s3/*.java ingest/*.java report/*.java model/*.java cli/*.java job/*.java
// The main job: validate the exposure logs, explore them, model exposures per person, write the report.
//   ./jbang analysis.java data/                 everything, report in plots/index.html
//   ./jbang analysis.java predict --people new/people.csv   score new people with the stored model
// Thin by design: picocli options -> job.AnalysisOptions -> job.AnalysisJob -> exit code. The work is in
// the packages (importable in JShell); the exit codes are cli.ExitCode's, shared with slices.java.
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "analysis", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = analysis.Version.class,
        description = "Validate people.csv, exposures.csv and site_visits.csv in DIR, summarise them, fit the exposure"
                + " models, save the summary tables and model card to the store, and write an offline HTML report."
                + " A step that fails after the input is read fails alone: the rest is still saved and written (exit code 4).",
        subcommands = {analysis.Predict.class})
class analysis implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "data",
            description = "folder with people.csv, exposures.csv, site_visits.csv (each may be .csv.gz); default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "plots", description = "report folder (index.html + chart pages); default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--store", paramLabel = "URI", defaultValue = job.AnalysisOptions.DEFAULT_STORE,
            description = "where summary tables and the model card are saved, versioned: a folder, file:///path, s3://bucket/prefix, jdbc:sqlite:FILE, " +
                    "jdbc:postgresql://...; default: ${DEFAULT-VALUE}")
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

    @Option(names = "--alert-rejected", paramLabel = "PERCENT", defaultValue = "1",
            description = "a line on stderr when a file loses more than this percentage of its rows (dominant problem, first file:line:column); default: ${DEFAULT-VALUE}")
    double alertRejected;

    @Option(names = "--numeric", paramLabel = "COLS",
            description = "people.csv columns read as numbers whatever they hold (comma-separated); other values become missing and are counted")
    String numericColumns;

    @Option(names = "--categorical", paramLabel = "COLS", description = "people.csv columns read as categories even when they hold numbers (comma-separated)")
    String categoricalColumns;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads for reading (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "cross-validation folds; default: ${DEFAULT-VALUE}")
    int folds;

    @Option(names = "--impute", paramLabel = "STRATEGY",
            description = "missing demographics in the exposure models: indicator (default: mean + 0/1 column, or a (missing) level), mean, median, mode, drop, knn, " +
                    "regression, iterative (chained equations); the model card keeps the fitted imputer, so predict fills new people the same way")
    stats.Missing impute;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed for cross-validation folds and bootstrap; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--cov", paramLabel = "TYPE", defaultValue = "nonrobust",
            description = "covariance of the models' SEs, tests and intervals: nonrobust, observed, HC0, HC1, HC2, HC3 or cluster:COLUMN (a people column, e.g. " +
                    "cluster:household); default: ${DEFAULT-VALUE}")
    String cov;

    @Option(names = "--no-visit-lift", description = "skip the visit-lift analysis (adjusted extra visits per exposure, dose-response, timing, by ad and channel)")
    boolean noVisitLift;

    @Option(names = "--visit-segment", paramLabel = "COL",
            description = "categorical demographic with its own visit lift per exposure (default: region when present; \"\" for one common lift)")
    String visitSegment;

    @Option(names = "--bootstrap", paramLabel = "R", defaultValue = "-1",
            description = "bootstrap resamples per model (one Newton step each from the full fit; 0 = off); default: 200 up to 200,000 rows, else off")
    int bootstrap;

    public static void main(String[] args) throws Exception {
        System.exit(Cli.run(new analysis(), args));
    }

    @Override
    public Integer call() {
        var read = ingest.IngestOptions.defaults().withStrict(strict).withAlertShare(alertRejected / 100)
                .withDeclaredKinds(numericColumns, categoricalColumns);
        if (threads != null) read = read.withThreads(threads);
        var options = new job.AnalysisOptions(dir, noPlots ? null : out, store, !noModel, exportPersons, read,
                model.FitOptions.defaults().withFolds(folds).withSeed(seed).withCovariance(cov).withBootstrap(bootstrap), impute,
                noVisitLift ? null : visitSegment == null ? model.VisitLiftOptions.defaults() : model.VisitLiftOptions.defaults().withSegment(visitSegment));
        return job.AnalysisJob.run(options, System.out, System.err).exitCode().code();
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = analysis.Version.class,
            description = "Score a new people.csv with a stored exposure model card and report drift (PSI per input"
                    + " column and for the predictions: < 0.1 stable, 0.1-0.25 moderate, > 0.25 significant)."
                    + " Exit code 3 when any drift is significant. Reads an existing store; never creates one.")
    static class Predict implements Callable<Integer> {
        @Option(names = "--people", required = true, paramLabel = "FILE", description = "people.csv (or .csv.gz) to score")
        Path people;

        @Option(names = "--store", paramLabel = "URI", defaultValue = job.AnalysisOptions.DEFAULT_STORE, description = "store holding the model card; default: ${DEFAULT-VALUE}")
        String store;

        @Option(names = "--key", paramLabel = "KEY", defaultValue = model.ModelCard.DEFAULT_KEY, description = "model card key; default: ${DEFAULT-VALUE}")
        String key;

        @Option(names = "--card-version", paramLabel = "V", defaultValue = "-1", description = "card version; default: the latest")
        long version;

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "plots/predictions.csv",
                description = "predictions CSV (person_id,predicted_exposures,lower_90,upper_90,p_zero); default: ${DEFAULT-VALUE}")
        Path out;

        @Override
        public Integer call() {
            var o = new job.PredictJob.Options(people, store, key, version, out);
            return job.PredictJob.run(o, System.out, System.err).exitCode().code();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return cli.Version.lines(); }
    }

    /** picocli with cli.ExitCode's policy: user mistakes and storage failures are one line, bugs keep their trace. */
    static final class Cli {
        static int run(Object command, String[] args) throws Exception {
            // a plain command line skips picocli's start-up (~0.14 s); help, version, errors and predict use it
            if (command instanceof Callable<?> c && cli.QuickArgs.parse(command, args)) return call(c);
            CommandLine cl = new CommandLine(command);
            String footer = "%nExit codes:%n" + cli.ExitCode.table().replace("%", "%%");
            cl.getCommandSpec().usageMessage().footer(footer);
            cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage().footer(footer));
            cl.setCaseInsensitiveEnumValuesAllowed(true);
            cl.setExecutionExceptionHandler((ex, cmd, parsed) -> exitCode(ex));
            return cl.execute(args);
        }

        /** The command run as picocli runs it. */
        static int call(Callable<?> command) throws Exception {
            try {
                return command.call() instanceof Integer code ? code : 0;
            } catch (Exception ex) {
                return exitCode(ex);
            }
        }

        /** A failed command's code after one line on stderr; a bug is rethrown, for its stack trace. */
        static int exitCode(Exception ex) throws Exception {
            cli.ExitCode code = ex instanceof ingest.IngestException ? cli.ExitCode.INPUT : cli.ExitCode.of(ex);
            if (code == cli.ExitCode.BUG) throw ex;
            System.err.println("analysis: " + ex.getMessage());
            return code.code();
        }
    }
}
