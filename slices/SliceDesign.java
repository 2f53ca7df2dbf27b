package slices;

import stats.Design;
import stats.DesignMatrix;
import stats.Missing;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * Turns one slice's raw rows into complete rows with the project's design ({@link stats.Design}): rows with a
 * missing response are dropped; missing predictor cells are dropped (DROP) or filled from the slice's own rows:
 * mean / median / mode, KNN, regression (Design's {@link stats.Missing} strategies); MICE is pooled by
 * {@link SliceFitter}.
 */
public final class SliceDesign {
    private SliceDesign() {}

    /**
     * The design of a slice, or the reason there is none.
     *
     * @param matrix  complete rows (null when {@code problem} is set)
     * @param dropped rows left out
     * @param imputed predictor cells filled in
     * @param problem why the slice has no usable design, else null
     */
    public record Prepared(DesignMatrix matrix, int dropped, int imputed, String problem) {
        public int n() { return matrix == null ? 0 : matrix.n(); }
    }

    /** The slice as a table: the response, then the predictors. */
    static Table table(SliceRows rows, String y) {
        List<String> x = rows.predictors();
        Table t = Table.create(rows.key());
        t.addColumns(DoubleColumn.create(y, rows.yColumn()));
        for (int j = 0; j < x.size(); j++) t.addColumns(DoubleColumn.create(x.get(j), rows.xColumn(j)));
        return t;
    }

    public static Prepared prepare(SliceRows rows, String y, NaStrategy na) {
        List<String> x = rows.predictors();
        int size = rows.size();
        Table t = table(rows, y);
        int usable = 0, imputed = 0;
        for (int i = 0; i < size; i++) {
            if (Double.isNaN(rows.y(i))) continue;
            boolean complete = true;
            for (int j = 0; j < x.size(); j++) {
                if (Double.isNaN(rows.x(j, i))) {
                    complete = false;
                    imputed++;
                }
            }
            if (complete || na != NaStrategy.DROP) usable++;
        }
        if (na == NaStrategy.DROP) imputed = 0;
        if (usable == 0)
            return new Prepared(null, size, 0, "no complete rows (" + size + (size == 1 ? " row" : " rows") + ", each with a missing value)");
        try {
            DesignMatrix d = Design.of(y).numeric(x.toArray(String[]::new)).missing(strategy(na)).fit(t);
            return new Prepared(d, size - d.n(), imputed, null);
        } catch (IllegalArgumentException e) {
            return new Prepared(null, size - usable, 0, e.getMessage());
        }
    }

    static Missing strategy(NaStrategy na) {
        return switch (na) {
            case DROP -> Missing.DROP;
            case MEAN -> Missing.MEAN;
            case MEDIAN -> Missing.MEDIAN;
            case MODE -> Missing.MODE;
            case KNN -> Missing.KNN;
            case REGRESSION -> Missing.REGRESSION;
            case MICE -> Missing.ITERATIVE; // the single-imputation view of MICE; SliceFitter pools m of them
        };
    }
}
