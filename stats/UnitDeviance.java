package stats;

/**
 * Unit deviances of the log-link count families: the one home of d(y, mu), used by the IRLS engine
 * (convergence and the fitted deviance), by {@link Metrics} (held-out Poisson deviance) and by the model
 * card's in-sample metrics. y log(y/mu) is taken as 0 at y = 0 (its limit).
 */
public final class UnitDeviance {
    private UnitDeviance() {}

    /** Poisson: 2 [y log(y/mu) - (y - mu)]. */
    public static double poisson(double y, double mu) {
        return 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
    }

    /** NB2 with dispersion alpha &gt; 0: 2 [y log(y/mu) - (y + 1/alpha) log((1 + alpha y) / (1 + alpha mu))]. */
    public static double negativeBinomial(double y, double mu, double alpha) {
        double a = y > 0 ? y * Math.log(y / mu) : 0;
        return 2 * (a - (y + 1 / alpha) * Math.log((1 + alpha * y) / (1 + alpha * mu)));
    }
}
