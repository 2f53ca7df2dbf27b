package impute;

import java.util.List;

/**
 * The imputer's columns at some rows after {@link FittedImputer#complete}: per column, numeric values or levels,
 * and which cells were missing. Aligned with the rows asked for; {@link #dropped()} marks the rows a DROP column
 * removes (their cells are left as they were).
 *
 * @param names       imputer columns, in order
 * @param numeric     per column the values (null for a categorical column); NaN where still missing (KEEP)
 * @param categorical per column the levels (null for a numeric column); null where still missing (KEEP)
 * @param missing     per column, whether each cell was missing in the input
 */
public record Completed(List<String> names, double[][] numeric, String[][] categorical, boolean[][] missing, boolean[] dropped) {
    public Completed {
        names = List.copyOf(names);
    }

    private int index(String name) {
        int c = names.indexOf(name);
        if (c < 0) throw new IllegalArgumentException("the imputer has no column '" + name + "'; it has " + names);
        return c;
    }

    public double[] numeric(String name) {
        double[] v = numeric[index(name)];
        if (v == null) throw new IllegalArgumentException("column '" + name + "' is categorical");
        return v;
    }

    public String[] levels(String name) {
        String[] v = categorical[index(name)];
        if (v == null) throw new IllegalArgumentException("column '" + name + "' is numeric");
        return v;
    }

    public boolean[] wasMissing(String name) {
        return missing[index(name)];
    }

    public int rows() {
        return dropped.length;
    }
}
