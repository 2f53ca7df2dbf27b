package stats;

import java.util.List;

/** The model types that cross-validation, the bootstrap and the comparison table know how to fit. */
public enum ModelKind {
    OLS("OLS", 0), POISSON("Poisson GLM", 0), NEGATIVE_BINOMIAL("NegativeBinomial (NB2)", 1);

    private final String label;
    private final int extraParameters;

    ModelKind(String label, int extraParameters) {
        this.label = label;
        this.extraParameters = extraParameters;
    }

    public String label() { return label; }

    /** Parameters beyond the coefficients (NB2: alpha). */
    public int extraParameters() { return extraParameters; }

    /** Coefficients for x (column-major, intercept column already at 0 when intercept). */
    double[] coefficients(double[] y, double[][] x, List<String> names, boolean intercept) {
        return switch (this) {
            case OLS -> Ols.coefficients(y, x, names, intercept, 2);
            case POISSON -> PoissonGlm.coefficients(y, x, names, intercept);
            case NEGATIVE_BINOMIAL -> NegativeBinomial.coefficients(y, x, names, intercept);
        };
    }

    /** Predicted mean from the linear predictor. */
    double mean(double eta) {
        return this == OLS ? eta : Math.exp(Math.min(eta, 700));
    }

    /** Predicted means for x (intercept column included). */
    double[] predict(double[] b, double[][] x) {
        int n = x[0].length;
        double[] eta = new double[n];
        for (int j = 0; j < b.length; j++) {
            double bj = b[j];
            double[] c = x[j];
            for (int i = 0; i < n; i++) eta[i] += bj * c[i];
        }
        for (int i = 0; i < n; i++) eta[i] = mean(eta[i]);
        return eta;
    }
}
