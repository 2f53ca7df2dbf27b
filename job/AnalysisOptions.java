package job;

import ingest.IngestOptions;
import model.FitOptions;
import model.VisitLiftOptions;
import stats.Missing;

import java.nio.file.Path;

/**
 * What {@link AnalysisJob} is asked to do: analysis.java's command line as a value (also for JShell and
 * tests). Start from {@link #of(Path)} and change what you need.
 *
 * @param dir           folder with people.csv, exposures.csv, site_visits.csv (each may be .csv.gz)
 * @param reportDir     folder for the HTML report, or null for no report
 * @param store         store URI for the summary tables and the model card (a path, file:///, s3://, jdbc:...)
 * @param models        fit the exposure models (false: exploratory analysis only)
 * @param exportPersons also write the per-person table as CSV here (null: no)
 * @param ingest        how the input is read (threads, strict, ...)
 * @param fit           how the models are fitted (folds, seed, ...)
 * @param imputation    how missing demographics are filled for the models (null: the spec's default, an indicator)
 * @param visitLift     the visit-lift analysis (extra visits per exposure, timing, by ad/channel); null: skip it
 * @param overlapMaxPeople up to this many people the models and the visit lift run beside the EDA; past it every
 *                      step runs after the other, the visit lift before the models (memory; default
 *                      {@link AnalysisJob#OVERLAP_MAX_PEOPLE}); the results are the same either way
 */
public record AnalysisOptions(Path dir, Path reportDir, String store, boolean models, Path exportPersons,
                              IngestOptions ingest, FitOptions fit, Missing imputation,
                              VisitLiftOptions visitLift, int overlapMaxPeople) {
    public static final String DEFAULT_STORE = "results/store";

    public AnalysisOptions {
        if (dir == null) throw new IllegalArgumentException("the input folder is required");
        if (store == null || store.isBlank()) throw new IllegalArgumentException("--store is empty: give a folder path or a store URI");
        if (ingest == null) ingest = IngestOptions.defaults();
        if (fit == null) fit = FitOptions.defaults();
        if (overlapMaxPeople < 0) throw new IllegalArgumentException("overlapMaxPeople must be >= 0");
    }

    /** The options with the default {@link AnalysisJob#OVERLAP_MAX_PEOPLE}. */
    public AnalysisOptions(Path dir, Path reportDir, String store, boolean models, Path exportPersons, IngestOptions ingest,
                           FitOptions fit, Missing imputation, VisitLiftOptions visitLift) {
        this(dir, reportDir, store, models, exportPersons, ingest, fit, imputation, visitLift, AnalysisJob.OVERLAP_MAX_PEOPLE);
    }

    /** analysis.java's --seed default (FitOptions' own default is 42), so JShell and the script give the same numbers. */
    public static final long DEFAULT_SEED = 1;

    /** Everything on, the defaults of analysis.java: report in plots/, store results/store, 5 folds, seed 1. */
    public static AnalysisOptions of(Path dir) {
        return new AnalysisOptions(dir, Path.of("plots"), DEFAULT_STORE, true, null, IngestOptions.defaults(),
                FitOptions.defaults().withSeed(DEFAULT_SEED), null, VisitLiftOptions.defaults(), AnalysisJob.OVERLAP_MAX_PEOPLE);
    }

    public AnalysisOptions withReportDir(Path d) { return new AnalysisOptions(dir, d, store, models, exportPersons, ingest, fit, imputation, visitLift, overlapMaxPeople); }
    public AnalysisOptions withStore(String s) { return new AnalysisOptions(dir, reportDir, s, models, exportPersons, ingest, fit, imputation, visitLift, overlapMaxPeople); }
    public AnalysisOptions withModels(boolean m) { return new AnalysisOptions(dir, reportDir, store, m, exportPersons, ingest, fit, imputation, visitLift, overlapMaxPeople); }
    public AnalysisOptions withExportPersons(Path f) { return new AnalysisOptions(dir, reportDir, store, models, f, ingest, fit, imputation, visitLift, overlapMaxPeople); }
    public AnalysisOptions withIngest(IngestOptions o) {
        return new AnalysisOptions(dir, reportDir, store, models, exportPersons, o, fit, imputation, visitLift, overlapMaxPeople);
    }
    public AnalysisOptions withImputation(Missing m) { return new AnalysisOptions(dir, reportDir, store, models, exportPersons, ingest, fit, m, visitLift, overlapMaxPeople); }
    public AnalysisOptions withVisitLift(VisitLiftOptions v) {
        return new AnalysisOptions(dir, reportDir, store, models, exportPersons, ingest, fit, imputation, v, overlapMaxPeople);
    }
    public AnalysisOptions withFit(FitOptions o) { return new AnalysisOptions(dir, reportDir, store, models, exportPersons, ingest, o, imputation, visitLift, overlapMaxPeople); }
    public AnalysisOptions withOverlapMaxPeople(int n) { return new AnalysisOptions(dir, reportDir, store, models, exportPersons, ingest, fit, imputation, visitLift, n); }
}
