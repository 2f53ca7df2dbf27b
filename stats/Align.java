package stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-expresses coefficients fitted under one encoding (a training fold's or a bootstrap resample's) in the
 * parameterisation of another (the full-data encoding), so that per-fold and per-replicate coefficients can
 * be compared name by name. Exact for the linear predictor of OLS, Poisson and NB2: when a categorical
 * column's reference level differs (fold ref R', full ref R), the dummies become b_l - b_R and the intercept
 * gains b_R. NaN where the value is not identified by the fold: a column the fold's design lacks (a level
 * or an indicator column absent from the fold's training rows), or a whole categorical term (and the
 * intercept) when the full-data reference level is absent from the fold. Package-private.
 */
final class Align {
    private Align() {}

    static double[] toFull(Encoding fold, List<String> foldNames, double[] b, Encoding full, List<String> fullNames) {
        Map<String, Double> v = new HashMap<>();
        for (int j = 0; j < foldNames.size(); j++) v.put(foldNames.get(j), b[j]);
        double[] out = new double[fullNames.size()];
        java.util.Arrays.fill(out, Double.NaN);
        Map<String, Integer> at = new HashMap<>();
        for (int j = 0; j < fullNames.size(); j++) at.put(fullNames.get(j), j);
        Map<String, ColumnEncoding> foldCols = new HashMap<>();
        for (ColumnEncoding c : fold.columns()) foldCols.put(c.name(), c);
        double constShift = 0;
        for (ColumnEncoding c : full.columns()) {
            if (!c.categorical()) {
                for (String o : c.outputs()) if (v.containsKey(o)) out[at.get(o)] = v.get(o);
                continue;
            }
            ColumnEncoding fc = foldCols.get(c.name());
            if (fc == null) continue;
            double shift;
            if (c.reference().equals(fc.reference())) shift = 0;
            else if (!full.intercept()) shift = Double.NaN; // without an intercept the two designs are different models
            else shift = level(v, fc, c.reference());
            constShift += shift;
            for (String l : c.levels()) {
                if (l.equals(c.reference())) continue;
                out[at.get(ColumnEncoding.dummyName(c.name(), l))] = level(v, fc, l) - shift;
            }
        }
        Integer k = at.get(Ols.INTERCEPT);
        if (k != null && v.containsKey(Ols.INTERCEPT)) out[k] = v.get(Ols.INTERCEPT) + constShift;
        return out;
    }

    /** Coefficient of level l relative to the fold's reference (0 for the reference, NaN when the fold never saw l). */
    private static double level(Map<String, Double> v, ColumnEncoding fc, String l) {
        if (l.equals(fc.reference())) return 0;
        Double x = v.get(ColumnEncoding.dummyName(fc.name(), l));
        return x == null ? Double.NaN : x;
    }
}
