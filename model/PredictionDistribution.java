package model;

import report.Histogram;
import report.TextTable;
import stats.ModelKind;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The distribution of one model's predicted exposures over the people it was fitted on.
 *
 * @param quantiles      predicted values at {@link #PROBS} (type 7)
 * @param negativeShare  share of predictions below 0 (only OLS can produce them; impossible counts)
 * @param predictedZero  model-implied share of people with 0 exposures (Poisson: mean e^-mu; NB2: mean
 *                       (1 + alpha mu)^(-1/alpha); NaN for OLS, which has no count distribution)
 * @param observedZero   observed share of people with 0 exposures, for comparison
 * @param histogram      pre-binned predictions (nice-width bins, about 30)
 * @param profile        decile buckets, the drift baseline kept in the model card
 */
public record PredictionDistribution(ModelKind model, long n, double mean, double sd, double min, double max,
                                     List<Double> quantiles, double negativeShare, long negativeCount,
                                     double predictedZero, double observedZero, Histogram histogram, Profile profile) {
    public static final List<Double> PROBS = List.of(0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99);

    public PredictionDistribution {
        quantiles = List.copyOf(quantiles);
    }

    static PredictionDistribution of(ModelKind model, double[] predicted, double[] y, double alpha) {
        int n = predicted.length;
        double[] s = predicted.clone();
        Arrays.sort(s);
        double sum = 0, neg = 0, zeroP = 0, zeroO = 0;
        for (int i = 0; i < n; i++) {
            double m = predicted[i];
            sum += m;
            if (m < 0) neg++;
            if (y[i] == 0) zeroO++;
            if (model == ModelKind.POISSON) zeroP += Math.exp(-m);
            else if (model == ModelKind.NEGATIVE_BINOMIAL) zeroP += Math.pow(1 + alpha * m, -1 / alpha);
        }
        double mean = sum / n, ss = 0;
        for (double m : predicted) ss += (m - mean) * (m - mean);
        Double[] q = new Double[PROBS.size()];
        for (int i = 0; i < q.length; i++) q[i] = report.Quantiles.ofSorted(s, PROBS.get(i));
        return new PredictionDistribution(model, n, mean, Math.sqrt(ss / Math.max(1, n - 1)), s[0], s[n - 1], Arrays.asList(q),
                neg / n, (long) neg, model == ModelKind.OLS ? Double.NaN : zeroP / n, zeroO / n,
                Histogram.linear("predicted exposures, " + model.label(), predicted, 30),
                Profile.numeric("prediction", predicted));
    }

    /** One table row per model (see {@link #table}). */
    static TextTable table(List<PredictionDistribution> ds) {
        TextTable.Builder b = TextTable.builder("Distribution of predicted exposures per person (in-sample)",
                "model", "n", "mean", "sd", "min", "p1", "p5", "p25", "median", "p75", "p95", "p99", "max", "share < 0", "P(0) model", "P(0) observed");
        for (PredictionDistribution d : ds) {
            List<Double> q = d.quantiles;
            b.row(d.model.label(), d.n, d.mean, d.sd, d.min, q.get(0), q.get(1), q.get(3), q.get(4), q.get(5), q.get(7), q.get(8), d.max,
                    pct(d.negativeShare), Double.isNaN(d.predictedZero) ? "-" : pct(d.predictedZero), pct(d.observedZero));
        }
        return b.build();
    }

    static String pct(double share) {
        return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PredictionDistribution[%s, n=%d, mean=%.4g, median=%.4g, share<0=%.4f]", model.label(), n, mean, quantiles.get(4), negativeShare);
    }
}
