package stats;

import java.util.List;

/**
 * How one input column becomes design columns; part of an {@link Encoding}. Plain fields only, so it
 * serialises with Jackson as is.
 *
 * @param name        input column name
 * @param categorical true: one-hot with {@code reference} left out; false: numeric
 * @param standardise numeric only: (x - center) / scale with the training mean and sample SD
 * @param missing     missing-value strategy
 * @param fill        numeric fill value (MEAN/MEDIAN/MODE/INDICATOR), 0 when unused
 * @param fillLevel   categorical fill level (MODE), null when unused
 * @param center      numeric: training mean used by standardise (0 when not standardised)
 * @param scale       numeric: training SD used by standardise (1 when not standardised)
 * @param reference   categorical: the reference level (no dummy)
 * @param levels      categorical: every level in sorted order, including the reference and {@code (missing)} if present
 * @param indicator   numeric INDICATOR: whether a {@code <name>_missing} column is emitted
 * @param outputs     names of the design columns this column produces, in order
 */
public record ColumnEncoding(String name, boolean categorical, boolean standardise, Missing missing,
                             double fill, String fillLevel, double center, double scale,
                             String reference, List<String> levels, boolean indicator, List<String> outputs) {
    public static final String MISSING_LEVEL = "(missing)";

    public ColumnEncoding {
        levels = levels == null ? List.of() : List.copyOf(levels);
        outputs = List.copyOf(outputs);
    }

    /** statsmodels-style dummy name, e.g. {@code region[T.North]}. */
    static String dummyName(String column, String level) {
        return column + "[T." + level + "]";
    }
}
