package impute;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fitted imputer (from {@link Imputer#fit}): per column its strategy and fitted values, the KNN donor pool,
 * the regression models and the chained-equations order and rounds. Fitted once on training rows and applied
 * to any rows after (cross-validation folds, new people at scoring time), so those rows never inform it.
 * A record of plain fields: {@code storage.Json.mapper()} (or any Jackson mapper) round-trips it with the type
 * named by the caller ({@code store.loadObject(key, FittedImputer.class)}).
 *
 * @param columns the imputer's columns, in order
 * @param donors  KNN donor pool (null without KNN columns)
 * @param order   chained equations: the ITERATIVE columns in the order they are updated
 * @param rounds  chained equations: rounds run at fit time (replayed when applied)
 * @param options the options it was fitted with
 */
public record FittedImputer(List<ColumnImputer> columns, Donors donors, List<String> order, int rounds, ImputeOptions options) {
    public FittedImputer {
        columns = List.copyOf(columns);
        order = order == null ? List.of() : List.copyOf(order);
    }

    public List<String> names() {
        return columns.stream().map(ColumnImputer::name).toList();
    }

    public ColumnImputer column(String name) {
        for (ColumnImputer c : columns) if (c.name().equals(name)) return c;
        throw new IllegalArgumentException("the imputer has no column '" + name + "'; it has " + names());
    }

    /** The same imputer with other options at apply time (e.g. threads); the fitted values are unchanged. */
    public FittedImputer withOptions(ImputeOptions o) {
        return new FittedImputer(columns, donors, order, rounds, o);
    }

    /** Completes every row of {@code table}. */
    public Completed complete(Table table) {
        return complete(table, null);
    }

    /** Completes the given rows of {@code table} (table row indices; null: every row). */
    public Completed complete(Table table, int[] rows) {
        if (table == null) throw new IllegalArgumentException("table must not be null");
        List<String> absent = new ArrayList<>();
        for (ColumnImputer c : columns) if (!table.containsColumn(c.name())) absent.add(c.name());
        if (!absent.isEmpty()) throw new IllegalArgumentException("table '" + table.name() + "' lacks column(s) " + absent + " that the imputer needs; it has "
                + table.columnNames());
        int[] at = rows;
        if (at == null) {
            at = new int[table.rowCount()];
            for (int i = 0; i < at.length; i++) at[i] = i;
        }
        Frame f = Frame.of(table, at, columns);
        int p = columns.size(), n = at.length;
        boolean[] dropped = new boolean[n];
        boolean[][] miss = new boolean[p][n];
        for (int c = 0; c < p; c++) {
            for (int i = 0; i < n; i++) {
                miss[c][i] = f.missing(c, i);
                if (miss[c][i] && columns.get(c).strategy() == Strategy.DROP) dropped[i] = true;
            }
        }
        double[][] outNum = new double[p][];
        int[][] outCode = new int[p][];
        for (int c = 0; c < p; c++) {
            if (f.num[c] != null) outNum[c] = f.num[c].clone();
            else outCode[c] = f.code[c].clone();
        }
        List<Integer> knn = new ArrayList<>(), reg = new ArrayList<>();
        for (int c = 0; c < p; c++) {
            if (columns.get(c).strategy() == Strategy.KNN) knn.add(c);
            if (columns.get(c).strategy() == Strategy.REGRESSION) reg.add(c);
        }
        if (!knn.isEmpty()) Knn.impute(f, columns, donors, knn.stream().mapToInt(Integer::intValue).toArray(), options, outNum, outCode);
        if (!reg.isEmpty()) {
            Frame w = f.simpleFilled(columns);
            for (int t : reg) {
                // features stay mean/mode filled for every target, as when the model was fitted
                double[] keepNum = w.num[t] == null ? null : w.num[t].clone();
                int[] keepCode = w.code[t] == null ? null : w.code[t].clone();
                Fitting.predictMissing(f, w, columns, t, columns.get(t).model(), options, 0);
                copyImputed(f, w, t, outNum, outCode);
                if (keepNum != null) w.num[t] = keepNum;
                else w.code[t] = keepCode;
            }
        }
        if (!order.isEmpty()) {
            Frame w = f.simpleFilled(columns);
            List<Integer> ord = order.stream().map(this::indexOf).toList();
            for (int round = 1; round <= rounds; round++) {
                for (int t : ord) Fitting.predictMissing(f, w, columns, t, columns.get(t).model(), options, round);
            }
            for (int t : ord) copyImputed(f, w, t, outNum, outCode);
        }
        String[][] levels = new String[p][];
        double[][] numbers = new double[p][];
        for (int c = 0; c < p; c++) {
            ColumnImputer ci = columns.get(c);
            if (!ci.categorical()) {
                double[] v = outNum[c];
                if (!ci.strategy().multivariate()) {
                    boolean fills = switch (ci.strategy()) {
                        case MEAN, MEDIAN, MODE, CONSTANT, INDICATOR -> true;
                        default -> false;
                    };
                    if (fills) for (int i = 0; i < n; i++) if (Double.isNaN(v[i])) v[i] = ci.fill();
                }
                numbers[c] = v;
            } else {
                String[] s = new String[n];
                int[] code = outCode[c];
                Column<?> col = table.column(ci.name());
                for (int i = 0; i < n; i++) {
                    int lv = code[i];
                    if (lv >= 0) s[i] = ci.levels().get(lv);
                    else if (lv == Frame.UNSEEN) s[i] = col.getString(at[i]);
                    else s[i] = switch (ci.strategy()) {
                        case MODE, CONSTANT -> ci.fillLevel();
                        case INDICATOR -> ColumnImputer.MISSING_LEVEL;
                        default -> null;
                    };
                }
                levels[c] = s;
            }
        }
        return new Completed(names(), numbers, levels, miss, dropped);
    }

    private int indexOf(String name) {
        for (int c = 0; c < columns.size(); c++) if (columns.get(c).name().equals(name)) return c;
        throw new IllegalStateException("chained-equations order names '" + name + "', which is not an imputer column");
    }

    private static void copyImputed(Frame f, Frame w, int t, double[][] outNum, int[][] outCode) {
        for (int i = 0; i < f.n; i++) {
            if (!f.missing(t, i)) continue;
            if (outNum[t] != null) outNum[t][i] = w.num[t][i];
            else outCode[t][i] = w.code[t][i];
        }
    }

    /**
     * A copy of {@code table} with the imputer's columns filled: numeric ones as double columns, categorical ones as
     * text; a numeric INDICATOR column adds {@code <name>_missing} (0/1) after it; rows a DROP column removes are
     * left out. Other columns are carried over as they are.
     */
    public Table transform(Table table) {
        boolean simple = true;
        for (ColumnImputer c : columns) if (c.strategy().multivariate() || c.strategy() == Strategy.DROP) simple = false;
        if (simple) return transformSimple(table);
        Completed done = complete(table);
        int n = table.rowCount();
        int kept = 0;
        for (boolean d : done.dropped()) if (!d) kept++;
        int[] keep = new int[kept];
        for (int i = 0, k = 0; i < n; i++) if (!done.dropped()[i]) keep[k++] = i;
        Table src = kept == n ? table : table.rows(keep);
        List<Column<?>> out = new ArrayList<>();
        List<String> names = names();
        for (String name : table.columnNames()) {
            int c = names.indexOf(name);
            if (c < 0) {
                out.add(src.column(name));
                continue;
            }
            ColumnImputer ci = columns.get(c);
            if (ci.categorical()) {
                String[] s = done.categorical()[c];
                String[] v = new String[kept];
                for (int k = 0; k < kept; k++) v[k] = s[keep[k]] == null ? "" : s[keep[k]];
                out.add(StringColumn.create(name, v));
            } else {
                double[] s = done.numeric()[c];
                double[] v = new double[kept];
                for (int k = 0; k < kept; k++) v[k] = s[keep[k]];
                out.add(DoubleColumn.create(name, v));
                if (ci.strategy() == Strategy.INDICATOR) {
                    int[] ind = new int[kept];
                    boolean[] m = done.missing()[c];
                    for (int k = 0; k < kept; k++) ind[k] = m[keep[k]] ? 1 : 0;
                    out.add(IntColumn.create(ci.indicatorName(), ind));
                }
            }
        }
        return Table.create(table.name(), out.toArray(new Column<?>[0]));
    }

    /**
     * The fast path of {@link #transform} when every column has a per-column fill (no donors, models or dropped
     * rows): a copy of each column with only its missing cells set, no per-row level lookups. Same output.
     */
    private Table transformSimple(Table table) {
        List<String> absent = new ArrayList<>();
        for (ColumnImputer c : columns) if (!table.containsColumn(c.name())) absent.add(c.name());
        if (!absent.isEmpty()) throw new IllegalArgumentException("table '" + table.name() + "' lacks column(s) " + absent + " that the imputer needs; it has "
                + table.columnNames());
        int n = table.rowCount();
        List<Column<?>> out = new ArrayList<>();
        for (String name : table.columnNames()) {
            Column<?> col = table.column(name);
            ColumnImputer ci = null;
            for (ColumnImputer c : columns) if (c.name().equals(name)) ci = c;
            if (ci == null) {
                out.add(col);
                continue;
            }
            if (ci.categorical()) {
                String fill = switch (ci.strategy()) {
                    case MODE, CONSTANT -> ci.fillLevel();
                    case INDICATOR -> ColumnImputer.MISSING_LEVEL;
                    default -> null;
                };
                StringColumn sc;
                if (col instanceof StringColumn s0) sc = s0.copy();
                else {
                    String[] v = new String[n];
                    for (int i = 0; i < n; i++) v[i] = col.isMissing(i) ? "" : col.getString(i);
                    sc = StringColumn.create(name, v);
                }
                if (fill != null) for (int i = 0; i < n; i++) if (col.isMissing(i)) sc.set(i, fill);
                out.add(sc);
            } else {
                double[] v = Frame.numeric(col, name, identity(n));
                IntColumn ind = ci.strategy() == Strategy.INDICATOR ? IntColumn.create(ci.indicatorName(), n) : null;
                boolean fills = ci.strategy() != Strategy.KEEP;
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(v[i])) {
                        if (fills) v[i] = ci.fill();
                        if (ind != null) ind.set(i, 1);
                    } else if (ind != null) ind.set(i, 0);
                }
                out.add(DoubleColumn.create(name, v));
                if (ind != null) out.add(ind);
            }
        }
        return Table.create(table.name(), out.toArray(new Column<?>[0]));
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** One line per column: strategy, missing cells at fit time, what fills them. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Imputer: %d columns%s%s%n", columns.size(),
                donors == null ? "" : String.format(Locale.ROOT, ", %d KNN donors (k=%d, %s weights)", donors.size(), options.k(),
                        options.weights().name().toLowerCase(Locale.ROOT)),
                order.isEmpty() ? "" : ", chained equations: " + rounds + " round(s) over " + order));
        int w = 6;
        for (ColumnImputer c : columns) w = Math.max(w, c.name().length());
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-11s  %-4s  %10s  %s%n", "column", "strategy", "kind", "missing", "filled with"));
        for (ColumnImputer c : columns) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-11s  %-4s  %,10d  %s%n", c.name(), c.strategy().cli(), c.categorical() ? "cat" : "num", c.missingAtFit(),
                    c.describe()));
        }
        return sb.toString();
    }
}
