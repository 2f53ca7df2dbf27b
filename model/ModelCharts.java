package model;

import report.Chart;
import report.Charts;
import report.HtmlReport;
import stats.BootstrapResult;
import stats.Diagnostics;
import stats.ModelKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exposure model's figures, drawn with package report's {@link Charts}: predicted distribution per
 * model (pre-binned), residuals vs fitted and normal Q-Q per model (from the thinned diagnostics sample),
 * and coefficients with 95% intervals per model (intercept left out: it is on another scale).
 * {@link #addTo} puts them with the tables into an {@link HtmlReport} section.
 */
public final class ModelCharts {
    private ModelCharts() {}

    public static Chart predictedDistribution(ExposureModelResult r, ModelKind k) {
        PredictionDistribution p = r.prediction(k);
        String title = String.format(Locale.ROOT, "Predicted exposures per person, %s (mean %.3g, median %.3g%s)", k.label(), p.mean(), p.quantiles().get(4),
                p.negativeCount() > 0 ? String.format(Locale.ROOT, ", %.2f%% below 0", 100 * p.negativeShare()) : "");
        return Charts.histogram(p.histogram(), title, "predicted exposures", false);
    }

    public static Chart residualsVsFitted(ExposureModelResult r, ModelKind k) {
        Diagnostics d = r.diagnostics().get(k);
        return Charts.residualsVsFitted("Residuals vs fitted, " + k.label() + " (" + d.residualKind() + " residuals)", d.fitted(), d.residuals());
    }

    public static Chart qq(ExposureModelResult r, ModelKind k) {
        Diagnostics d = r.diagnostics().get(k);
        return Charts.qq("Normal Q-Q of " + d.residualKind() + " residuals, " + k.label(), d.residuals());
    }

    /** Coefficients with their model-based 95% Wald intervals (t for OLS), intercept excluded. */
    public static Chart coefficients(ExposureModelResult r, ModelKind k) {
        double[][] c = r.coefficientTable(k);
        List<String> names = r.names();
        int from = names.get(0).equals("const") ? 1 : 0;
        int m = names.size() - from;
        double[] est = new double[m], lo = new double[m], hi = new double[m];
        for (int j = 0; j < m; j++) { est[j] = c[0][from + j]; lo[j] = c[2][from + j]; hi[j] = c[3][from + j]; }
        String scale = k == ModelKind.OLS ? "exposures per unit" : "log rate ratio";
        return Charts.coefficients("Coefficients of " + k.label() + " (" + scale + ")", names.subList(from, names.size()), est, lo, hi, "95% CI");
    }

    /** Bootstrap percentile intervals of model k, intercept excluded; null when the bootstrap was skipped. */
    public static Chart bootstrapCoefficients(ExposureModelResult r, ModelKind k) {
        BootstrapResult b = r.bootstrap(k);
        if (b == null) return null;
        List<String> names = b.names();
        int from = names.get(0).equals("const") ? 1 : 0;
        int m = names.size() - from;
        double[] est = new double[m], lo = new double[m], hi = new double[m];
        for (int j = 0; j < m; j++) { est[j] = b.estimate()[from + j]; lo[j] = b.lower()[from + j]; hi[j] = b.upper()[from + j]; }
        return Charts.coefficients("Coefficients of " + k.label() + ", bootstrap (" + b.replicates() + " resamples)", names.subList(from, names.size()), est, lo, hi,
                "bootstrap 95% percentile CI");
    }

    /** Every figure: per model its predicted distribution, residuals vs fitted, Q-Q and coefficients. */
    public static List<Chart> all(ExposureModelResult r) {
        List<Chart> out = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) out.add(predictedDistribution(r, k));
        for (ModelKind k : ModelKind.values()) {
            out.add(residualsVsFitted(r, k));
            out.add(qq(r, k));
        }
        for (ModelKind k : ModelKind.values()) out.add(coefficients(r, k));
        return out;
    }

    /** Adds a section "Exposure model" with the recommendation, the tables and every figure. */
    public static HtmlReport addTo(HtmlReport report, ExposureModelResult r) {
        report.section("Exposure model");
        report.note("Formula: " + r.spec().formula() + String.format(Locale.ROOT, ". People: %,d, used %,d, dropped %,d.", r.rowsInTable(), r.rowsUsed(), r.rowsDropped()));
        report.note(r.choice().summary());
        report.note(r.overdispersion().summary());
        r.tables().forEach(report::table);
        all(r).forEach(report::chart);
        return report;
    }
}
