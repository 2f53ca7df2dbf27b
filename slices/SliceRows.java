package slices;

import java.util.Arrays;
import java.util.List;

/**
 * The raw rows of one slice, in file order: the response and each predictor as numbers, NaN where the cell was
 * missing. Not yet cleaned: {@link SliceDesign} turns it into complete rows.
 */
public final class SliceRows {
    private final String key;
    private final List<String> predictors;
    private double[] y = new double[16];
    private final double[][] x;
    private int size;

    public SliceRows(String key, List<String> predictors) {
        this.key = key;
        this.predictors = List.copyOf(predictors);
        this.x = new double[predictors.size()][16];
    }

    public void add(double yValue, double[] xValues) {
        if (size == y.length) {
            int cap = size * 2;
            y = Arrays.copyOf(y, cap);
            for (int j = 0; j < x.length; j++) x[j] = Arrays.copyOf(x[j], cap);
        }
        y[size] = yValue;
        for (int j = 0; j < x.length; j++) x[j][size] = xValues[j];
        size++;
    }

    public String key() { return key; }
    public List<String> predictors() { return predictors; }
    public int size() { return size; }
    public double y(int row) { return y[row]; }
    public double x(int predictor, int row) { return x[predictor][row]; }

    /** A copy of one predictor's values (NaN: missing). */
    public double[] xColumn(int predictor) { return Arrays.copyOf(x[predictor], size); }

    /** A copy of the response values (NaN: missing). */
    public double[] yColumn() { return Arrays.copyOf(y, size); }
}
