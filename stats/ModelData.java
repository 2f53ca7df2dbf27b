package stats;

import java.util.List;

/**
 * What every model fit reads: the response, predictor columns (column-major, no intercept column),
 * their names, whether to add an intercept, the response's name and the terms (for per-term tests).
 * The one path the OLS, Poisson and NB2 entry points funnel into.
 */
public record ModelData(double[] y, double[][] columns, List<String> names, boolean intercept, String response, List<Term> terms) {
    public ModelData {
        names = List.copyOf(names);
        terms = terms == null ? Term.of(null, names, intercept) : List.copyOf(terms);
    }

    public static ModelData of(DesignMatrix d) {
        return new ModelData(d.y(), d.columns(), d.names(), d.intercept(), d.response(), Term.of(d));
    }

    public static ModelData ofColumns(double[] y, double[][] columns, List<String> names, boolean intercept, String response) {
        return new ModelData(y, columns, names, intercept, response == null ? "y" : response, null);
    }

    public static ModelData ofRows(double[] y, double[][] rows, List<String> names, boolean intercept) {
        if (y == null) throw new IllegalArgumentException("y and X must not be null");
        return ofColumns(y, Columns.fromRows(rows, names, y.length), names, intercept, "y");
    }

    public int n() { return y.length; }

    /** The same data without the columns of {@code drop} (a nested model for a likelihood-ratio test). */
    public ModelData without(Term drop) {
        int off = intercept ? 1 : 0;
        java.util.Set<Integer> gone = new java.util.HashSet<>();
        for (int i : drop.coefficients()) gone.add(i - off);
        java.util.List<double[]> cols = new java.util.ArrayList<>();
        java.util.List<String> nm = new java.util.ArrayList<>();
        for (int j = 0; j < columns.length; j++) if (!gone.contains(j)) { cols.add(columns[j]); nm.add(names.get(j)); }
        java.util.List<Term> ts = new java.util.ArrayList<>();
        for (Term t : terms) {
            if (t.name().equals(drop.name())) continue;
            int[] idx = t.coefficients();
            for (int k = 0; k < idx.length; k++) idx[k] = off + nm.indexOf(names.get(idx[k] - off));
            ts.add(new Term(t.name(), idx, t.categorical(), t.reference()));
        }
        return new ModelData(y, cols.toArray(new double[0][]), nm, intercept, response, ts);
    }
}
