package stats;

import java.util.List;

/**
 * A joint Wald test that a term's coefficients are all zero ("does region matter at all?").
 *
 * @param term      the term (input column) tested
 * @param columns   its coefficients
 * @param chi2      W = b' V^-1 b under the fit's covariance
 * @param df        number of restrictions q
 * @param f         W / q when the fit uses the t distribution (nonrobust OLS), else NaN
 * @param dfResid   denominator df of F (0 when chi2 is used)
 * @param pValue    P(F(q, dfResid) > f) or P(chi2_q > W), as survival functions
 */
public record WaldTest(String term, List<String> columns, double chi2, int df, double f, int dfResid, double pValue) {
    public WaldTest {
        columns = List.copyOf(columns);
    }

    /** "F(3, 2996)" or "chi2(3)". */
    public String distribution() {
        return dfResid > 0 ? "F(" + df + ", " + dfResid + ")" : "chi2(" + df + ")";
    }

    /** The statistic referred to {@link #distribution()}. */
    public double statistic() { return dfResid > 0 ? f : chi2; }
}
