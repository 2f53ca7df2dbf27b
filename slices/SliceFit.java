package slices;

import java.util.List;

/**
 * One slice's outcome: either a fitted model ({@code status = ok}) or the reason it could not be fitted
 * ({@code status = failed}, no terms, statistics NaN). Plain values only, so it saves to JSON and reloads.
 *
 * @param slice       the slice value (the --by cell)
 * @param rows        rows of the slice in the file (slice value present)
 * @param n           rows used in the fit
 * @param dropped     rows left out for a missing response or, with --na drop, a missing predictor
 * @param imputed     predictor cells filled in (--na mean|median|mode|knn|regression|mice)
 * @param status      {@code ok} or {@code failed}
 * @param reason      why it failed; empty when ok
 * @param terms       intercept first, then the predictors in --x order
 * @param rSquared    R^2
 * @param adjRSquared adjusted R^2
 * @param rmse        residual standard error sqrt(RSS / (n - p)), R's sigma()
 * @param dfResidual  n - p
 */
public record SliceFit(String slice, int rows, int n, int dropped, int imputed, String status, String reason,
                       List<Term> terms, double rSquared, double adjRSquared, double rmse, int dfResidual) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    /** The name the intercept has in every output table. */
    public static final String INTERCEPT = "intercept";

    public SliceFit {
        terms = terms == null ? List.of() : List.copyOf(terms);
        reason = reason == null ? "" : reason;
    }

    /** One coefficient with its 95% confidence interval. */
    public record Term(String name, double estimate, double stdError, double t, double pValue, double ciLow, double ciHigh) {}

    public static SliceFit failed(String slice, int rows, int n, int dropped, int imputed, String reason) {
        return new SliceFit(slice, rows, n, dropped, imputed, FAILED, reason, List.of(), Double.NaN, Double.NaN, Double.NaN, 0);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /** The term of that name, or null. */
    public Term term(String name) {
        for (Term t : terms) if (t.name().equals(name)) return t;
        return null;
    }
}
