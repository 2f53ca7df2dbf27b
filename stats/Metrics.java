package stats;

/**
 * Out-of-sample fit of predicted means m against y.
 *
 * @param r2              1 - SSE / SSE(training-mean baseline): the share of the baseline's squared error removed
 * @param poissonDeviance mean Poisson unit deviance 2[y log(y/m) - (y - m)]; predictions below 1e-8 are clipped to 1e-8
 * @param clipped         how many predictions were clipped for the deviance (OLS can predict negative counts)
 */
public record Metrics(double rmse, double mae, double r2, double poissonDeviance, int clipped) {
    static final double FLOOR = 1e-8;

    static Metrics of(double[] y, double[] m, double baselineMean) {
        int n = y.length, clipped = 0;
        double sse = 0, sae = 0, sst = 0, dev = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - m[i];
            sse += e * e;
            sae += Math.abs(e);
            double d = y[i] - baselineMean;
            sst += d * d;
            double mu = m[i];
            if (!(mu >= FLOOR)) {
                mu = FLOOR;
                clipped++;
            }
            dev += UnitDeviance.poisson(y[i], mu);
        }
        return new Metrics(Math.sqrt(sse / n), sae / n, sst == 0 ? Double.NaN : 1 - sse / sst, dev / n, clipped);
    }
}
