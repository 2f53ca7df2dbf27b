//SOURCES ../impute/*.java
package stats;

import numerics.Median;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Specification of a design matrix, fitted on a Tablesaw table into an {@link Encoding} (which can be
 * saved and re-applied to new data) and a {@link DesignMatrix}.
 *
 * <pre>{@code
 * DesignMatrix d = Design.of("exposures")
 *         .numeric("age").standardised("income")
 *         .categorical("region").categorical("gender", "F")   // explicit reference level
 *         .missing(Missing.MEDIAN).missing("income", Missing.INDICATOR)
 *         .fit(people);
 * OlsResult r = Ols.fit(d);
 * DesignMatrix scored = d.encoding().apply(newPeople);
 * }</pre>
 *
 * <p>Stated defaults: an intercept is added by the models (column {@code const}); the global missing-value
 * strategy is {@link Missing#DROP}; KNN, REGRESSION and ITERATIVE columns are filled by an {@link impute.FittedImputer}
 * fitted on the training rows over all predictor columns (never the response; options: {@link #imputation}) and
 * carried by the {@link Encoding}; the reference level of a categorical column is its MOST FREQUENT level in
 * the training rows (ties: first in sorted order), unless given; dummy columns are named
 * {@code col[T.level]} in sorted level order; rows with a missing response are always dropped at fit time;
 * standardisation uses the training mean and sample SD (n-1) after imputation; unseen levels at apply
 * time map to the reference level and are counted ({@link UnseenPolicy#REFERENCE}).
 * {@link #allOthers()} takes every other column: numeric columns as numeric, all others as categorical.
 */
public final class Design {
    private final String response;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private Missing global = Missing.DROP;
    private boolean intercept = true;
    private boolean allOthers;
    private UnseenPolicy unseen = UnseenPolicy.REFERENCE;
    private impute.ImputeOptions imputation = impute.ImputeOptions.defaults();

    private static final class Spec {
        Boolean categorical; // null: decide from column type
        boolean standardise;
        String reference;
        Missing missing;
    }

    private Design(String response) {
        this.response = response;
    }

    /** A design for the given response column (null for a predictors-only design). */
    public static Design of(String response) {
        return new Design(response);
    }

    public Design numeric(String... names) {
        for (String n : names) spec(n).categorical = false;
        return this;
    }

    public Design standardised(String... names) {
        for (String n : names) {
            Spec s = spec(n);
            s.categorical = false;
            s.standardise = true;
        }
        return this;
    }

    public Design categorical(String... names) {
        for (String n : names) spec(n).categorical = true;
        return this;
    }

    /** A categorical column with an explicit reference level. */
    public Design categorical(String name, String reference) {
        Spec s = spec(name);
        s.categorical = true;
        s.reference = reference;
        return this;
    }

    /** Global missing-value strategy (default DROP). */
    public Design missing(Missing strategy) {
        this.global = strategy;
        return this;
    }

    /** Missing-value strategy for one column (overrides the global one). */
    public Design missing(String name, Missing strategy) {
        spec(name).missing = strategy;
        return this;
    }

    /** Options of the multivariate strategies (k, weights, donor pool, rounds, seed, threads). */
    public Design imputation(impute.ImputeOptions options) {
        if (options == null) throw new IllegalArgumentException("imputation options must not be null");
        this.imputation = options.withStochastic(false);
        return this;
    }

    public Design intercept(boolean on) {
        this.intercept = on;
        return this;
    }

    public Design unseen(UnseenPolicy policy) {
        this.unseen = policy;
        return this;
    }

    /** Also use every column of the table not named yet (and not the response). */
    public Design allOthers() {
        this.allOthers = true;
        return this;
    }

    private Spec spec(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("column name must not be blank");
        if (name.equals(response)) throw new IllegalArgumentException("'" + name + "' is the response; it cannot also be a predictor");
        return specs.computeIfAbsent(name, k -> new Spec());
    }

    /** Fits the encoding on {@code table} and returns its design matrix (carrying the encoding). */
    public DesignMatrix fit(Table table) {
        return fit(table, null);
    }

    /**
     * Fits the encoding on the given rows of {@code table} only (table row indices; repeats allowed, as in a
     * bootstrap resample; null: every row) and returns their design matrix. Levels, reference levels, fill
     * values and standardisation constants are computed from those rows alone (a repeated row counts as
     * often as it appears); the other rows of the table are never read. Used by {@link CrossValidation}
     * (training folds) and {@link Bootstrap} (resamples) so that held-out rows never inform the encoding.
     */
    public DesignMatrix fit(Table table, int[] rows) {
        Map<String, Spec> all = resolve(table);
        int n = rows == null ? table.rowCount() : rows.length;
        int[] at = rows;
        if (at == null) {
            at = new int[n];
            for (int i = 0; i < n; i++) at[i] = i;
        } else {
            int tn = table.rowCount();
            for (int r : at) if (r < 0 || r >= tn) throw new IllegalArgumentException("row " + r + " is outside table '" + table.name() + "' (" + tn + " rows)");
        }
        boolean[] drop = dropMask(table, all, at);
        impute.FittedImputer imputer = fitImputer(table, all, drop, at);
        Table work = table;
        if (imputer != null) {
            int kept = 0;
            for (boolean d : drop) if (!d) kept++;
            int[] keptRows = new int[kept];
            for (int i = 0, k = 0; i < n; i++) if (!drop[i]) keptRows[k++] = at[i];
            work = Encoding.completed(table, keptRows, imputer);
        }
        List<ColumnEncoding> encs = new ArrayList<>();
        for (Map.Entry<String, Spec> e : all.entrySet()) {
            String name = e.getKey();
            Spec s = e.getValue();
            Column<?> col = work.column(name);
            boolean cat = s.categorical != null ? s.categorical : !(col instanceof NumericColumn<?>);
            Missing m = s.missing != null ? s.missing : global;
            encs.add(cat ? categorical(name, col, s, m, drop, at) : numeric(name, col, s, m, drop, at));
        }
        Encoding enc = new Encoding(response, intercept, encs, unseen, imputer);
        return enc.build(work, rows, response != null, UnseenPolicy.ERROR, false);
    }

    /**
     * The imputer of the multivariate strategies (null when no column has one), fitted on the kept rows only.
     * Every predictor column is a feature; the response never is (new rows to score do not have it).
     */
    private impute.FittedImputer fitImputer(Table table, Map<String, Spec> all, boolean[] drop, int[] at) {
        boolean any = false;
        for (Spec s : all.values()) if ((s.missing != null ? s.missing : global).multivariate()) any = true;
        if (!any) return null;
        impute.Imputer imp = impute.Imputer.of(impute.Strategy.KEEP).columns(all.keySet().toArray(String[]::new)).options(imputation);
        for (Map.Entry<String, Spec> e : all.entrySet()) {
            Spec s = e.getValue();
            Missing m = s.missing != null ? s.missing : global;
            if (m.multivariate()) imp.column(e.getKey(), m.strategy());
            boolean cat = s.categorical != null ? s.categorical : !(table.column(e.getKey()) instanceof NumericColumn<?>);
            if (cat) imp.categorical(e.getKey());
            else imp.numeric(e.getKey());
        }
        int kept = 0;
        for (boolean d : drop) if (!d) kept++;
        int[] rows = new int[kept];
        for (int i = 0, k = 0; i < at.length; i++) if (!drop[i]) rows[k++] = at[i];
        return imp.fit(table, rows);
    }

    /**
     * Table row indices (ascending) that a fit keeps: rows with a missing response or a missing value in a
     * DROP column are left out. This depends on each row alone, never on fitted statistics, so a row kept here
     * is kept by a fit on any subset containing it; {@link CrossValidation} and {@link Bootstrap} define their
     * folds and resamples on these rows.
     */
    public int[] usableRows(Table table) {
        Map<String, Spec> all = resolve(table);
        int n = table.rowCount();
        int[] at = new int[n];
        for (int i = 0; i < n; i++) at[i] = i;
        boolean[] drop = dropMask(table, all, at);
        int kept = 0;
        for (boolean d : drop) if (!d) kept++;
        int[] out = new int[kept];
        for (int i = 0, r = 0; i < n; i++) if (!drop[i]) out[r++] = i;
        return out;
    }

    /** The response column (null for a predictors-only design). */
    public String response() {
        return response;
    }

    private Map<String, Spec> resolve(Table table) {
        if (table == null) throw new IllegalArgumentException("table must not be null");
        Map<String, Spec> all = new LinkedHashMap<>(specs);
        if (allOthers) {
            for (String c : table.columnNames()) if (!c.equals(response) && !all.containsKey(c)) all.put(c, new Spec());
        }
        List<String> absent = new ArrayList<>();
        for (String c : all.keySet()) if (!table.containsColumn(c)) absent.add(c);
        if (response != null && !table.containsColumn(response)) absent.add(response + " (response)");
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("table '" + table.name() + "' lacks column(s) " + LeastSquares.quote(absent) + "; it has " + table.columnNames());
        }
        if (all.isEmpty()) throw new IllegalArgumentException("the design has no predictor columns");
        return all;
    }

    /** drop[i] for position i of {@code at}: missing response, or missing in a DROP column. */
    private boolean[] dropMask(Table table, Map<String, Spec> all, int[] at) {
        int n = at.length;
        boolean[] drop = new boolean[n];
        if (response != null) {
            Column<?> rc = table.column(response);
            if (!(rc instanceof NumericColumn<?>)) throw new IllegalArgumentException("response column '" + response + "' is " + rc.type() + ", expected numeric");
            for (int i = 0; i < n; i++) if (rc.isMissing(at[i])) drop[i] = true;
        }
        for (Map.Entry<String, Spec> e : all.entrySet()) {
            Missing m = e.getValue().missing != null ? e.getValue().missing : global;
            if (m == Missing.DROP) {
                Column<?> col = table.column(e.getKey());
                for (int i = 0; i < n; i++) if (col.isMissing(at[i])) drop[i] = true;
            }
        }
        return drop;
    }

    private static ColumnEncoding numeric(String name, Column<?> col, Spec s, Missing m, boolean[] drop, int[] at) {
        double[] v = Encoding.numeric(col, name, at);
        int n = v.length, missing = 0;
        double[] obs = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (drop[i]) continue;
            if (Double.isNaN(v[i])) missing++;
            else obs[k++] = v[i];
        }
        obs = Arrays.copyOf(obs, k);
        if (k == 0) throw new IllegalArgumentException("column '" + name + "' has no non-missing values in the rows kept for fitting");
        if (missing > 0 && m == Missing.ERROR) throw new IllegalArgumentException("column '" + name + "' has " + missing
                + " missing value(s) and its missing-value strategy is ERROR");
        double mean = LeastSquares.accurateMean(obs);
        double fill = switch (m) {
            case MEAN, INDICATOR, KNN, REGRESSION, ITERATIVE -> mean; // multivariate: fallback for what the imputer left
            case MEDIAN -> Median.of(obs);
            case MODE -> mode(obs);
            case DROP, ERROR -> 0;
        };
        boolean indicator = m == Missing.INDICATOR && missing > 0;
        double center = 0, scale = 1;
        if (s.standardise) {
            int cnt = 0;
            double sum = 0;
            double[] all = new double[k + missing];
            for (int i = 0; i < n; i++) if (!drop[i]) all[cnt++] = Double.isNaN(v[i]) ? fill : v[i];
            for (double x : all) sum += x;
            center = sum / cnt;
            double ss = 0;
            for (double x : all) ss += (x - center) * (x - center);
            scale = cnt > 1 ? Math.sqrt(ss / (cnt - 1)) : 0;
            if (!(scale > 0)) throw new IllegalArgumentException("column '" + name + "' is constant in the training rows; it cannot be standardised");
        }
        List<String> outs = indicator ? List.of(name, name + "_missing") : List.of(name);
        return new ColumnEncoding(name, false, s.standardise, m, fill, null, center, scale, null, null, indicator, outs);
    }

    private static ColumnEncoding categorical(String name, Column<?> col, Spec s, Missing m, boolean[] drop, int[] at) {
        if (s.standardise) throw new IllegalArgumentException("column '" + name + "' is categorical; it cannot be standardised");
        if (m == Missing.MEAN || m == Missing.MEDIAN) {
            throw new IllegalArgumentException("missing-value strategy " + m + " is not defined for categorical column '" + name
                    + "'; use MODE, INDICATOR, KNN, REGRESSION, ITERATIVE, DROP or ERROR");
        }
        int n = at.length, missing = 0;
        Map<String, int[]> tally = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (drop[i]) continue;
            if (col.isMissing(at[i])) missing++;
            else tally.computeIfAbsent(col.getString(at[i]), l -> new int[1])[0]++;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Map.Entry<String, int[]> e : tally.entrySet()) counts.put(e.getKey(), e.getValue()[0]);
        if (counts.isEmpty()) throw new IllegalArgumentException("column '" + name + "' has no non-missing values in the rows kept for fitting");
        if (missing > 0 && m == Missing.ERROR) throw new IllegalArgumentException("column '" + name + "' has " + missing
                + " missing value(s) and its missing-value strategy is ERROR");
        String modeLevel = null;
        int best = -1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) { // sorted: ties go to the first
            if (e.getValue() > best) {
                best = e.getValue();
                modeLevel = e.getKey();
            }
        }
        Map<String, Integer> withMissing = new TreeMap<>(counts);
        if (m == Missing.INDICATOR && missing > 0) {
            if (counts.containsKey(ColumnEncoding.MISSING_LEVEL)) throw new IllegalArgumentException("column '" + name + "' already has a level named "
                    + ColumnEncoding.MISSING_LEVEL);
            withMissing.put(ColumnEncoding.MISSING_LEVEL, missing);
        }
        if (m == Missing.MODE) withMissing.merge(modeLevel, missing, Integer::sum);
        String ref = s.reference;
        if (ref == null) {
            int top = -1;
            for (Map.Entry<String, Integer> e : withMissing.entrySet()) {
                if (e.getValue() > top) {
                    top = e.getValue();
                    ref = e.getKey();
                }
            }
        } else if (!withMissing.containsKey(ref)) {
            throw new IllegalArgumentException("reference level '" + ref + "' of column '" + name + "' does not occur in the training rows; levels: " + withMissing.keySet());
        }
        List<String> levels = new ArrayList<>(withMissing.keySet());
        List<String> outs = new ArrayList<>();
        for (String l : levels) if (!l.equals(ref)) outs.add(ColumnEncoding.dummyName(name, l));
        if (outs.isEmpty()) throw new IllegalArgumentException("categorical column '" + name + "' has a single level '" + ref
                + "' in the training rows; it carries no information");
        return new ColumnEncoding(name, true, false, m, 0, m == Missing.MODE || m.multivariate() ? modeLevel : null, 0, 1, ref, levels, false, outs);
    }

    static double mode(double[] v) {
        Map<Double, Integer> counts = new HashMap<>();
        for (double x : v) counts.merge(x, 1, Integer::sum);
        double best = Double.NaN;
        int top = -1;
        for (Map.Entry<Double, Integer> e : counts.entrySet()) {
            if (e.getValue() > top || (e.getValue() == top && e.getKey() < best)) {
                top = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }
}
