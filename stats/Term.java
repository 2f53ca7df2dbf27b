package stats;

import java.util.ArrayList;
import java.util.List;

/**
 * One input column of a design and the coefficients it produced: a categorical column's dummies, or a
 * numeric column (and its missing-value indicator, when there is one). Joint Wald tests, likelihood-ratio
 * tests and average marginal effects work per term.
 *
 * @param name        the input column
 * @param coefficients indices into the coefficient vector (the intercept, when present, is index 0)
 * @param categorical true for one-hot dummies (levels vs the reference)
 * @param reference   categorical: the reference level; else null
 */
public record Term(String name, int[] coefficients, boolean categorical, String reference) {

    /** The terms of a design: from its encoding when it has one, else one numeric term per column. */
    public static List<Term> of(DesignMatrix d) {
        return of(d.encoding(), d.names(), d.intercept());
    }

    static List<Term> of(Encoding enc, List<String> predictorNames, boolean intercept) {
        int off = intercept ? 1 : 0;
        List<Term> out = new ArrayList<>();
        if (enc == null) {
            for (int j = 0; j < predictorNames.size(); j++) out.add(new Term(predictorNames.get(j), new int[]{off + j}, false, null));
            return out;
        }
        for (ColumnEncoding c : enc.columns()) {
            if (c.outputs().isEmpty()) continue;
            int[] idx = new int[c.outputs().size()];
            for (int k = 0; k < idx.length; k++) {
                int j = predictorNames.indexOf(c.outputs().get(k));
                if (j < 0) return of(null, predictorNames, intercept); // columns renamed or subset: one term per column
                idx[k] = off + j;
            }
            out.add(new Term(c.name(), idx, c.categorical(), c.categorical() ? c.reference() : null));
        }
        return out;
    }

    @Override public int[] coefficients() { return coefficients.clone(); }

    int size() { return coefficients.length; }

    int index(int k) { return coefficients[k]; }
}
