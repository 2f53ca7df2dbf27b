package stats;

import java.util.List;
import java.util.Map;

/**
 * A design matrix produced by {@link Design#fit} or {@link Encoding#apply}: predictor columns in
 * column-major form (no intercept column; {@link #intercept()} says whether models should add one),
 * the response (null when the table had none), which input rows were kept, and what was done to them.
 *
 * @param rows        indices of the input table's rows that were kept (rows dropped by a DROP strategy are absent)
 * @param warnings     one line per column where apply had to fill values the encoding had no provision for
 * @param unseenLevels per categorical column, how many kept rows had a level unseen at fit time (mapped to the reference level)
 */
public record DesignMatrix(String response, double[] y, double[][] columns, List<String> names, boolean intercept,
                           int[] rows, int droppedRows, Map<String, Integer> unseenLevels, List<String> warnings,
                           Encoding encoding) {
    public DesignMatrix {
        names = List.copyOf(names);
        unseenLevels = Map.copyOf(unseenLevels);
        warnings = List.copyOf(warnings);
    }

    public int n() { return rows.length; }

    /** Column by name. */
    public double[] column(String name) {
        int j = names.indexOf(name);
        if (j < 0) throw new IllegalArgumentException("design has no column '" + name + "'; have " + names);
        return columns[j];
    }
}
