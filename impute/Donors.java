package impute;

import java.util.List;

/**
 * The KNN donor pool of a {@link FittedImputer}: a seeded random sample of training rows, per imputer column
 * (in imputer order) the standardised value of a numeric column or the level index of a categorical one,
 * null where missing. Plain fields (Jackson round-trips it).
 */
public record Donors(int size, List<List<Double>> values) {
    public Donors {
        values = values.stream().map(v -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(v))).toList();
        for (List<Double> v : values) if (v.size() != size) throw new IllegalArgumentException("donor column of " + v.size() + " values, expected " + size);
    }

    /** Column-major primitive copy, NaN where missing. */
    double[][] matrix() {
        double[][] m = new double[values.size()][size];
        for (int c = 0; c < m.length; c++) {
            List<Double> v = values.get(c);
            for (int i = 0; i < size; i++) {
                Double x = v.get(i);
                m[c][i] = x == null ? Double.NaN : x;
            }
        }
        return m;
    }
}
