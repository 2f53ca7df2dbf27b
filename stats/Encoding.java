package stats;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted encoding (from {@link Design#fit}): everything needed to turn a table with the same columns
 * into the same design matrix — levels, reference levels, imputation values, standardisation constants.
 * A record of plain fields: {@code new ObjectMapper().writeValueAsString(encoding)} and
 * {@code readValue(json, Encoding.class)} round-trip it. With a multivariate strategy (KNN, REGRESSION,
 * ITERATIVE) it carries the {@link impute.FittedImputer} fitted on the training rows ({@link #imputer()}, else
 * null), so applying the encoding to new rows fills them with the same donors and models.
 *
 * <p>Policies at apply time: missing columns are an error naming every missing column; rows with missing
 * values in DROP columns are dropped (their indices are absent from {@link DesignMatrix#rows()});
 * unseen categorical levels follow {@link #unseen()} (default {@link UnseenPolicy#REFERENCE}: encoded as the
 * reference level and counted per column in {@link DesignMatrix#unseenLevels()}).
 */
public record Encoding(String response, boolean intercept, List<ColumnEncoding> columns, UnseenPolicy unseen,
                       impute.FittedImputer imputer) {
    public Encoding {
        columns = List.copyOf(columns);
        if (unseen == null) unseen = UnseenPolicy.REFERENCE;
    }

    /** An encoding without multivariate imputation. */
    public Encoding(String response, boolean intercept, List<ColumnEncoding> columns, UnseenPolicy unseen) {
        this(response, intercept, columns, unseen, null);
    }

    /** Names of the design columns, in order (no intercept column). */
    public List<String> outputNames() {
        List<String> out = new ArrayList<>();
        for (ColumnEncoding c : columns) out.addAll(c.outputs());
        return out;
    }

    /** Encodes new data for scoring: the response is not needed (read when present). */
    public DesignMatrix apply(Table table) {
        return build(table, false, unseen);
    }

    /** Encodes new data with the given unseen-level policy. */
    public DesignMatrix apply(Table table, UnseenPolicy policy) {
        return build(table, false, policy);
    }

    /** Encodes data that must carry the response (evaluation); rows with a missing response are dropped. */
    public DesignMatrix applyWithResponse(Table table) {
        return build(table, true, unseen);
    }

    DesignMatrix build(Table table, boolean needResponse, UnseenPolicy policy) {
        return build(table, null, needResponse, policy);
    }

    /**
     * Encodes the given rows of {@code table} (table row indices, in that order, repeats allowed; null: every
     * row). {@link DesignMatrix#rows()} holds the table row indices of the kept rows, in the order given.
     */
    DesignMatrix build(Table table, int[] subset, boolean needResponse, UnseenPolicy policy) {
        return build(table, subset, needResponse, policy, true);
    }

    /**
     * A view of {@code table} in which the imputer's target columns hold their imputed values at rows {@code at}
     * (null: every row); every other column (and row) is the original. Numeric targets become double columns,
     * categorical ones text columns.
     */
    static Table completed(Table table, int[] at, impute.FittedImputer imputer) {
        List<String> absent = new ArrayList<>();
        for (String c : imputer.names()) if (!table.containsColumn(c)) absent.add(c);
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("table '" + table.name() + "' lacks column(s) " + LeastSquares.quote(absent) + "; it has " + table.columnNames());
        }
        if (at == null) {
            at = new int[table.rowCount()];
            for (int i = 0; i < at.length; i++) at[i] = i;
        }
        impute.Completed done = imputer.complete(table, at);
        Map<String, Column<?>> replaced = new HashMap<>();
        for (impute.ColumnImputer ci : imputer.columns()) {
            if (!ci.strategy().multivariate()) continue;
            Column<?> col = table.column(ci.name());
            boolean[] miss = done.wasMissing(ci.name());
            if (ci.categorical()) {
                String[] v = new String[table.rowCount()];
                for (int r = 0; r < v.length; r++) v[r] = col.isMissing(r) ? "" : col.getString(r);
                String[] filled = done.levels(ci.name());
                for (int i = 0; i < at.length; i++) if (miss[i] && filled[i] != null) v[at[i]] = filled[i];
                replaced.put(ci.name(), tech.tablesaw.api.StringColumn.create(ci.name(), v));
            } else {
                double[] v = numeric(col, ci.name());
                double[] filled = done.numeric(ci.name());
                for (int i = 0; i < at.length; i++) if (miss[i]) v[at[i]] = filled[i];
                replaced.put(ci.name(), tech.tablesaw.api.DoubleColumn.create(ci.name(), v));
            }
        }
        List<Column<?>> cols = new ArrayList<>();
        for (Column<?> c : table.columns()) cols.add(replaced.getOrDefault(c.name(), c));
        return Table.create(table.name(), cols.toArray(new Column<?>[0]));
    }

    /** As above; {@code impute}: first fill the imputer's columns (false when the caller already did). */
    DesignMatrix build(Table table, int[] subset, boolean needResponse, UnseenPolicy policy, boolean impute) {
        if (table == null) throw new IllegalArgumentException("table must not be null");
        if (impute && imputer != null) table = completed(table, subset, imputer);
        List<String> absent = new ArrayList<>();
        for (ColumnEncoding c : columns) if (!table.containsColumn(c.name())) absent.add(c.name());
        boolean hasResponse = response != null && table.containsColumn(response);
        if (needResponse && response != null && !hasResponse) absent.add(response + " (response)");
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("table '" + table.name() + "' lacks column(s) " + LeastSquares.quote(absent)
                    + "; it has " + table.columnNames());
        }
        int n = subset == null ? table.rowCount() : subset.length;
        int[] at = subset;
        if (at == null) {
            at = new int[n];
            for (int i = 0; i < n; i++) at[i] = i;
        }
        boolean[] drop = new boolean[n];
        double[] y = null;
        if (hasResponse) {
            Column<?> rc = table.column(response);
            if (!(rc instanceof NumericColumn<?> nc)) {
                throw new IllegalArgumentException("response column '" + response + "' is " + rc.type() + ", expected a numeric column");
            }
            y = new double[n];
            for (int i = 0; i < n; i++) {
                if (nc.isMissing(at[i])) {
                    if (needResponse) drop[i] = true;
                    y[i] = Double.NaN;
                } else y[i] = nc.getDouble(at[i]);
            }
        }
        // raw values per column
        Object[] raw = new Object[columns.size()];
        for (int k = 0; k < columns.size(); k++) {
            ColumnEncoding c = columns.get(k);
            Column<?> col = table.column(c.name());
            if (c.categorical()) {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) v[i] = col.isMissing(at[i]) ? null : col.getString(at[i]);
                raw[k] = v;
            } else {
                raw[k] = numeric(col, c.name(), at);
            }
            for (int i = 0; i < n; i++) {
                boolean miss = c.categorical() ? ((String[]) raw[k])[i] == null : Double.isNaN(((double[]) raw[k])[i]);
                if (miss && c.missing() == Missing.DROP) drop[i] = true;
                if (miss && c.missing() == Missing.ERROR) {
                    throw new IllegalArgumentException("column '" + c.name() + "' has a missing value at row " + at[i] + " and its missing-value strategy is ERROR");
                }
            }
        }
        int kept = 0;
        for (boolean d : drop) if (!d) kept++;
        int[] rows = new int[kept];
        for (int i = 0, r = 0; i < n; i++) if (!drop[i]) rows[r++] = i;
        List<String> names = outputNames();
        double[][] out = new double[names.size()][kept];
        Map<String, Integer> unseenCounts = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        int j0 = 0;
        for (int k = 0; k < columns.size(); k++) {
            ColumnEncoding c = columns.get(k);
            if (c.categorical()) {
                String[] v = (String[]) raw[k];
                Map<String, Integer> slot = new HashMap<>();
                int s = 0;
                for (String level : c.levels()) if (!level.equals(c.reference())) slot.put(level, s++);
                int unseenN = 0, missingFilled = 0;
                for (int r = 0; r < kept; r++) {
                    String level = v[rows[r]];
                    if (level == null) {
                        if (c.levels().contains(ColumnEncoding.MISSING_LEVEL)) level = ColumnEncoding.MISSING_LEVEL;
                        else if (c.fillLevel() != null) level = c.fillLevel();
                        else {
                            level = c.reference();
                            missingFilled++;
                        }
                    }
                    Integer idx = slot.get(level);
                    if (idx == null && !level.equals(c.reference())) {
                        if (policy == UnseenPolicy.ERROR) {
                            throw new IllegalArgumentException("column '" + c.name() + "' has level '" + level + "' at row " + at[rows[r]]
                                    + " that was not seen when the encoding was fitted; known levels: " + c.levels());
                        }
                        unseenN++;
                    }
                    if (idx != null) out[j0 + idx][r] = 1;
                }
                if (unseenN > 0) {
                    unseenCounts.put(c.name(), unseenN);
                    warnings.add(c.name() + ": " + unseenN + " row(s) with levels unseen at fit time encoded as reference '" + c.reference() + "'");
                }
                if (missingFilled > 0) warnings.add(c.name() + ": " + missingFilled + " missing value(s) encoded as reference '" + c.reference()
                        + "' (no missing level at fit time)");
            } else {
                double[] v = (double[]) raw[k];
                double[] dst = out[j0];
                double[] ind = c.indicator() ? out[j0 + 1] : null;
                int filled = 0;
                for (int r = 0; r < kept; r++) {
                    double x = v[rows[r]];
                    if (Double.isNaN(x)) {
                        x = c.fill();
                        if (ind != null) ind[r] = 1;
                        else if (c.missing() == Missing.INDICATOR) filled++;
                    }
                    dst[r] = c.standardise() ? (x - c.center()) / c.scale() : x;
                }
                if (filled > 0) warnings.add(c.name() + ": " + filled + " missing value(s) filled with " + c.fill() + " (no indicator column: no missing values at fit time)");
            }
            j0 += c.outputs().size();
        }
        double[] yk = null;
        if (y != null) {
            yk = new double[kept];
            for (int r = 0; r < kept; r++) yk[r] = y[rows[r]];
        }
        int[] tableRows = new int[kept];
        for (int r = 0; r < kept; r++) tableRows[r] = at[rows[r]];
        return new DesignMatrix(response, yk, out, names, intercept, tableRows, n - kept, unseenCounts, warnings, this);
    }

    static double[] numeric(Column<?> col, String name) {
        return numeric(col, name, null);
    }

    /** Values of a numeric column at the given table rows (null: every row), NaN where missing. */
    static double[] numeric(Column<?> col, String name, int[] at) {
        if (!(col instanceof NumericColumn<?> nc)) {
            throw new IllegalArgumentException("column '" + name + "' is " + col.type() + ", not numeric; declare it categorical or convert it");
        }
        int n = at == null ? col.size() : at.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int row = at == null ? i : at[i];
            v[i] = nc.isMissing(row) ? Double.NaN : nc.getDouble(row);
        }
        return v;
    }
}
