package impute;

/**
 * Tuning of an {@link Imputer}. Start from {@link #defaults()}.
 *
 * @param k            neighbours for KNN (default 5)
 * @param weights      KNN donor weights (default UNIFORM)
 * @param donors       KNN searches a seeded random sample of at most this many training rows (default 2000): the
 *                     documented approximation that keeps KNN linear in the rows (cost: rows with a missing
 *                     cell x donors x columns) and the fitted imputer small enough for a model card
 * @param fitRows      regression models are fitted on a seeded sample of at most this many rows (default 100,000)
 * @param maxRounds    chained equations: round limit (default 10)
 * @param tolerance    chained equations stop when, between two rounds, the largest change of an imputed numeric
 *                     value is below {@code tolerance} training SDs and the share of changed imputed levels below
 *                     {@code tolerance} (default 1e-3)
 * @param seed         seed of donor and row samples (and of draws when {@code stochastic})
 * @param stochastic   draws instead of best guesses (used by {@link MultipleImputation}): models are fitted on a
 *                     bootstrap resample, numeric predictions get residual noise, levels are drawn from the predicted
 *                     probabilities, and KNN picks one donor with probability proportional to its weight
 * @param threads      worker threads; results do not depend on it
 */
public record ImputeOptions(int k, Weights weights, int donors, int fitRows, int maxRounds, double tolerance,
                            long seed, boolean stochastic, int threads) {
    public ImputeOptions {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (weights == null) weights = Weights.UNIFORM;
        if (donors < 1) throw new IllegalArgumentException("donors must be >= 1, got " + donors);
        if (fitRows < 10) throw new IllegalArgumentException("fitRows must be >= 10, got " + fitRows);
        if (maxRounds < 1) throw new IllegalArgumentException("maxRounds must be >= 1, got " + maxRounds);
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    public static ImputeOptions defaults() {
        return new ImputeOptions(5, Weights.UNIFORM, 2000, 100_000, 10, 1e-3, 1, false,
                Runtime.getRuntime().availableProcessors());
    }

    public ImputeOptions withK(int v) { return new ImputeOptions(v, weights, donors, fitRows, maxRounds, tolerance, seed, stochastic, threads); }
    public ImputeOptions withWeights(Weights v) { return new ImputeOptions(k, v, donors, fitRows, maxRounds, tolerance, seed, stochastic, threads); }
    public ImputeOptions withDonors(int v) { return new ImputeOptions(k, weights, v, fitRows, maxRounds, tolerance, seed, stochastic, threads); }
    public ImputeOptions withFitRows(int v) { return new ImputeOptions(k, weights, donors, v, maxRounds, tolerance, seed, stochastic, threads); }
    public ImputeOptions withMaxRounds(int v) { return new ImputeOptions(k, weights, donors, fitRows, v, tolerance, seed, stochastic, threads); }
    public ImputeOptions withTolerance(double v) { return new ImputeOptions(k, weights, donors, fitRows, maxRounds, v, seed, stochastic, threads); }
    public ImputeOptions withSeed(long v) { return new ImputeOptions(k, weights, donors, fitRows, maxRounds, tolerance, v, stochastic, threads); }
    public ImputeOptions withStochastic(boolean v) { return new ImputeOptions(k, weights, donors, fitRows, maxRounds, tolerance, seed, v, threads); }
    public ImputeOptions withThreads(int v) { return new ImputeOptions(k, weights, donors, fitRows, maxRounds, tolerance, seed, stochastic, v); }
}
