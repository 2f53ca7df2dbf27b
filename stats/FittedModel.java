package stats;

import java.util.List;

/**
 * What every fitted model (OLS, Poisson, NB2) answers, so callers need not switch on the model kind:
 * names, estimates and their inference under the chosen covariance, log-likelihood, AIC/BIC, per-term
 * Wald tests and predictions on the response scale.
 */
public sealed interface FittedModel permits OlsResult, GlmResult {
    /** "OLS", "Poisson" or "NegativeBinomial (NB2)". */
    String family();

    String response();

    /** Coefficient names ({@code const} first when there is an intercept). */
    List<String> names();

    boolean intercept();

    /** Estimates, covariance, SEs, tests and 95% intervals under {@link #covarianceType()}. */
    Coefficients table();

    double logLikelihood();

    double aic();

    double bic();

    int n();

    /** Joint Wald test per term (each input column's coefficients all zero), under the chosen covariance. */
    List<WaldTest> termTests();

    /** Predicted means for predictor columns (column-major, no intercept column). */
    double[] predictColumns(double[][] columns);

    default double[] coefficients() { return table().estimates(); }

    default double[] standardErrors() { return table().standardErrors(); }

    default double[] pValues() { return table().pValues(); }

    default double[] ciLower() { return table().lower(); }

    default double[] ciUpper() { return table().upper(); }

    default String covarianceType() { return table().covarianceType(); }

    default int p() { return names().size(); }

    /** Predictors without the intercept, in the column order {@link #predictColumns} expects. */
    default List<String> predictorNames() {
        return intercept() ? names().subList(1, names().size()) : names();
    }

    default int index(String name) {
        int i = names().indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no coefficient named '" + name + "'; have " + names());
        return i;
    }

    default double coefficient(String name) { return table().estimate(index(name)); }

    default double standardError(String name) { return table().standardError(index(name)); }

    /** Predicted means for rows of predictors (no intercept column). */
    default double[] predict(double[][] rows) {
        int k = predictorNames().size();
        double[][] cols = new double[k][rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != k) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values; the model needs " + k + " " + predictorNames());
            for (int j = 0; j < k; j++) cols[j][i] = rows[i][j];
        }
        return predictColumns(cols);
    }

    /** The joint test of the term named {@code term}. */
    default WaldTest termTest(String term) {
        return termTests().stream().filter(t -> t.term().equals(term)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no term '" + term + "'; have " + termTests().stream().map(WaldTest::term).toList()));
    }

    static List<WaldTest> waldPerTerm(Coefficients c, List<Term> terms) {
        return terms.stream().map(t -> c.wald(t.name(), t.coefficients())).toList();
    }
}
