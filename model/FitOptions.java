package model;

/**
 * Options of {@link ExposureModels#fit}. Start from {@link #defaults()}.
 *
 * @param folds               k of the seeded k-fold cross-validation (default 5)
 * @param seed                seed of the folds and the bootstrap (default 42); same seed, same numbers
 * @param bootstrapReplicates case-resampling replicates per model; 0 skips the bootstrap; {@link #AUTO} (the default)
 *                            means 200 when at most {@link #AUTO_BOOTSTRAP_MAX_ROWS} rows are fitted, else skipped
 *                            (at 1M rows the model and HC3 SEs are already tight and 600 refits take minutes)
 * @param threads             bootstrap threads (default: available processors; results do not depend on it)
 * @param diagnosticPoints    residual points kept for the plots (even-stride sample; default 2000)
 * @param topCook             largest Cook's distances listed (default 10)
 */
public record FitOptions(int folds, long seed, int bootstrapReplicates, int threads, int diagnosticPoints, int topCook) {
    /** Bootstrap replicates chosen from the data size (see {@code bootstrapReplicates}). */
    public static final int AUTO = -1;
    public static final int AUTO_BOOTSTRAP_MAX_ROWS = 200_000;

    public FitOptions {
        if (folds < 2) throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        if (bootstrapReplicates < AUTO || bootstrapReplicates == 1) throw new IllegalArgumentException("bootstrapReplicates must be 0 (skip), >= 2 or AUTO (-1), got " + bootstrapReplicates);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (diagnosticPoints < 2) throw new IllegalArgumentException("diagnosticPoints must be >= 2");
        if (topCook < 0) throw new IllegalArgumentException("topCook must be >= 0");
    }

    public static FitOptions defaults() {
        return new FitOptions(5, 42, AUTO, Runtime.getRuntime().availableProcessors(), 2000, 10);
    }

    /** Replicates for n fitted rows (resolves {@link #AUTO}). */
    public int replicatesFor(int n) {
        return bootstrapReplicates != AUTO ? bootstrapReplicates : n <= AUTO_BOOTSTRAP_MAX_ROWS ? 200 : 0;
    }

    public FitOptions withFolds(int k) { return new FitOptions(k, seed, bootstrapReplicates, threads, diagnosticPoints, topCook); }
    public FitOptions withSeed(long s) { return new FitOptions(folds, s, bootstrapReplicates, threads, diagnosticPoints, topCook); }
    public FitOptions withBootstrap(int replicates) { return new FitOptions(folds, seed, replicates, threads, diagnosticPoints, topCook); }
    public FitOptions withThreads(int t) { return new FitOptions(folds, seed, bootstrapReplicates, t, diagnosticPoints, topCook); }
}
