package model;

import java.util.function.Consumer;

/**
 * Options of {@link ExposureModels#fit}. Start from {@link #defaults()}.
 *
 * @param folds               k of the seeded k-fold cross-validation (default 5)
 * @param seed                seed of the folds and the bootstrap (default 42); same seed, same numbers
 * @param bootstrapReplicates case-resampling replicates per model; 0 skips the bootstrap; {@link #AUTO} (the default)
 *                            means {@link #AUTO_REPLICATES} when at most {@link #AUTO_BOOTSTRAP_MAX_ROWS} rows are
 *                            fitted, else skipped (at that size the model and HC3 SEs are already tight)
 * @param threads             CV and bootstrap threads (default: available processors; results do not depend on it)
 * @param diagnosticPoints    residual points kept for the plots (even-stride sample; default 2000)
 * @param topCook             largest Cook's distances listed (default 10)
 * @param covariance          covariance of the three fits' SEs, tests and intervals ({@link stats.CovarianceType#parse}):
 *                            {@code nonrobust} (default), {@code observed}, {@code HC0}..{@code HC3} or {@code cluster:<column>}
 *                            (a column of the people table, e.g. household)
 * @param bootstrapMethod     {@link BootstrapMethod#ONE_STEP} (default: one Newton step per resample from the full
 *                            fit; costs one pass over the design per replicate) or {@link BootstrapMethod#REFIT}
 * @param progress            receives one line per step that may take a while (the CV folds, the bootstrap with its
 *                            replicate count and time left), at most about every 2 s per step; the main job prints
 *                            them on stderr. Default: discard. Called from worker threads, one call at a time.
 */
public record FitOptions(int folds, long seed, int bootstrapReplicates, int threads, int diagnosticPoints, int topCook,
                         String covariance, BootstrapMethod bootstrapMethod, Consumer<String> progress) {
    /** Bootstrap replicates chosen from the data size (see {@code bootstrapReplicates}). */
    public static final int AUTO = -1;
    public static final int AUTO_REPLICATES = 200;
    public static final int AUTO_BOOTSTRAP_MAX_ROWS = 200_000;

    public FitOptions {
        if (folds < 2) throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        if (bootstrapReplicates < AUTO || bootstrapReplicates == 1) throw new IllegalArgumentException("bootstrap replicates must be 0 (off), >= 2 or AUTO (-1), got "
                + bootstrapReplicates);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (diagnosticPoints < 2) throw new IllegalArgumentException("diagnosticPoints must be >= 2");
        if (topCook < 0) throw new IllegalArgumentException("topCook must be >= 0");
        covariance = stats.CovarianceType.parse(covariance).label(); // validates; one spelling
        if (bootstrapMethod == null) bootstrapMethod = BootstrapMethod.ONE_STEP;
        if (progress == null) progress = line -> {};
    }

    /** The shape before the covariance, bootstrap method and progress listener existed (nonrobust, one-step, no progress). */
    public FitOptions(int folds, long seed, int bootstrapReplicates, int threads, int diagnosticPoints, int topCook) {
        this(folds, seed, bootstrapReplicates, threads, diagnosticPoints, topCook, "nonrobust", BootstrapMethod.ONE_STEP, null);
    }

    public static FitOptions defaults() {
        return new FitOptions(5, 42, AUTO, Runtime.getRuntime().availableProcessors(), 2000, 10);
    }

    /** Replicates for n fitted rows (resolves {@link #AUTO}). */
    public int replicatesFor(int n) {
        return bootstrapReplicates != AUTO ? bootstrapReplicates : n <= AUTO_BOOTSTRAP_MAX_ROWS ? AUTO_REPLICATES : 0;
    }

    public FitOptions withFolds(int k) { return new FitOptions(k, seed, bootstrapReplicates, threads, diagnosticPoints, topCook, covariance, bootstrapMethod, progress); }
    public FitOptions withSeed(long s) { return new FitOptions(folds, s, bootstrapReplicates, threads, diagnosticPoints, topCook, covariance, bootstrapMethod, progress); }
    /** Replicates per model: 0 = off, >= 2, or {@link #AUTO}. */
    public FitOptions withBootstrap(int replicates) { return new FitOptions(folds, seed, replicates, threads, diagnosticPoints, topCook, covariance, bootstrapMethod, progress); }
    public FitOptions withBootstrapMethod(BootstrapMethod m) { return new FitOptions(folds, seed, bootstrapReplicates, threads, diagnosticPoints, topCook, covariance, m,
            progress); }
    public FitOptions withThreads(int t) { return new FitOptions(folds, seed, bootstrapReplicates, t, diagnosticPoints, topCook, covariance, bootstrapMethod, progress); }
    /** {@code nonrobust}, {@code observed}, {@code HC0}..{@code HC3} or {@code cluster:<column>}. */
    public FitOptions withCovariance(String c) { return new FitOptions(folds, seed, bootstrapReplicates, threads, diagnosticPoints, topCook, c, bootstrapMethod, progress); }
    /** Where progress lines go (e.g. {@code System.err::println}). */
    public FitOptions withProgress(Consumer<String> listener) { return new FitOptions(folds, seed, bootstrapReplicates, threads, diagnosticPoints, topCook, covariance,
            bootstrapMethod, listener); }
}
