package report;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-aware summary of one demographic column: {@link Numeric} (quantiles by {@link Quantiles}, mean,
 * sample sd, missing, a 20-bin histogram) or {@link Categorical} (levels with counts and shares of the
 * non-missing values, missing, cardinality). Categorical counting uses a HashMap over the values, not
 * Tablesaw's countBy, which breaks on high-cardinality string columns.
 */
public sealed interface ColumnSummary permits ColumnSummary.Numeric, ColumnSummary.Categorical {

    /** Levels shown per categorical column; the rest are folded into "(other)". */
    int TOP_LEVELS = 20;

    String name();
    long rows();
    long missing();

    record Numeric(String name, long rows, long missing, double mean, double sd, double min,
                   double p10, double p25, double p50, double p75, double p90, double max,
                   Histogram histogram) implements ColumnSummary {
        public String toText() { return numericTable(name, List.of(this)).toText(); }
    }

    record Level(String value, long count, double share) {}

    record Categorical(String name, long rows, long missing, long cardinality, List<Level> levels,
                       long otherCount) implements ColumnSummary {
        public Categorical { levels = List.copyOf(levels); }

        public TextTable levelsTable() {
            long present = rows - missing;
            TextTable.Builder b = TextTable.builder(name + " (" + cardinality + " distinct, " + missing + " missing)", "value", "count", "share");
            for (Level l : levels) b.row(l.value, l.count, TextTable.pct(l.share));
            if (otherCount > 0) b.row("(other)", otherCount, TextTable.pct(present == 0 ? Double.NaN : (double) otherCount / present));
            return b.build();
        }

        public String toText() { return levelsTable().toText(); }
    }

    /** Numeric summary of values where NaN means missing. */
    static Numeric numeric(String name, double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(present);
        int m = present.length;
        double sum = 0;
        for (double v : present) sum += v;
        double mean = m == 0 ? Double.NaN : sum / m, ss = 0;
        for (double v : present) ss += (v - mean) * (v - mean);
        double sd = m < 2 ? Double.NaN : Math.sqrt(ss / (m - 1));
        return new Numeric(name, values.length, values.length - m, mean, sd,
                m == 0 ? Double.NaN : present[0],
                Quantiles.ofSorted(present, 0.10), Quantiles.ofSorted(present, 0.25), Quantiles.ofSorted(present, 0.50),
                Quantiles.ofSorted(present, 0.75), Quantiles.ofSorted(present, 0.90),
                m == 0 ? Double.NaN : present[m - 1], Histogram.linear(name, values, 20));
    }

    /** Categorical summary of values where null or blank means missing. */
    static Categorical categorical(String name, String[] values) {
        Map<String, long[]> counts = new HashMap<>();
        long missing = 0;
        for (String v : values) {
            if (v == null || v.isBlank()) { missing++; continue; }
            counts.computeIfAbsent(v, k -> new long[1])[0]++;
        }
        return categorical(name, values.length, missing, counts);
    }

    private static Categorical categorical(String name, long rows, long missing, Map<String, long[]> counts) {
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()));
        long present = rows - missing, other = 0;
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            long c = sorted.get(i).getValue()[0];
            if (i < TOP_LEVELS) levels.add(new Level(sorted.get(i).getKey(), c, (double) c / present));
            else other += c;
        }
        return new Categorical(name, rows, missing, counts.size(), levels, other);
    }

    /** Summary of a Tablesaw column: numeric columns as {@link Numeric}, every other type as {@link Categorical}. */
    static ColumnSummary of(Column<?> column) {
        int n = column.size();
        if (column instanceof NumericColumn<?> num) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = num.isMissing(i) ? Double.NaN : num.getDouble(i);
            return numeric(column.name(), v);
        }
        Map<String, long[]> counts = new HashMap<>();
        long missing = 0;
        for (int i = 0; i < n; i++) {
            if (column.isMissing(i)) { missing++; continue; }
            String s = column.getString(i);
            if (s == null || s.isBlank()) { missing++; continue; }
            counts.computeIfAbsent(s, k -> new long[1])[0]++;
        }
        return categorical(column.name(), n, missing, counts);
    }

    /** Summaries of every column of a table in column order, except the named ones (e.g. an id column). */
    static List<ColumnSummary> ofTable(Table table, String... except) {
        List<String> skip = List.of(except);
        List<ColumnSummary> out = new ArrayList<>();
        for (Column<?> c : table.columns()) if (!skip.contains(c.name())) out.add(of(c));
        return out;
    }

    /** Overview of the numeric summaries: one row per column. */
    static TextTable numericTable(String title, List<? extends ColumnSummary> summaries) {
        TextTable.Builder b = TextTable.builder(title, "column", "rows", "missing", "mean", "sd", "min", "p10", "p25", "median", "p75", "p90", "max");
        for (ColumnSummary s : summaries)
            if (s instanceof Numeric x) b.row(x.name, x.rows, x.missing, x.mean, x.sd, x.min, x.p10, x.p25, x.p50, x.p75, x.p90, x.max);
        return b.build();
    }

    /** Overview of the categorical summaries: one row per column with its most common value. */
    static TextTable categoricalTable(String title, List<? extends ColumnSummary> summaries) {
        TextTable.Builder b = TextTable.builder(title, "column", "rows", "missing", "distinct", "most common", "share");
        for (ColumnSummary s : summaries)
            if (s instanceof Categorical x)
                b.row(x.name, x.rows, x.missing, x.cardinality, x.levels.isEmpty() ? "" : x.levels.get(0).value,
                        x.levels.isEmpty() ? "" : TextTable.pct(x.levels.get(0).share));
        return b.build();
    }

    String toText();

    /** A bar chart of this column: the 20-bin histogram for numeric columns, the top levels for categorical ones. */
    default Chart chart() {
        if (this instanceof Numeric x) {
            return Charts.histogram(x.histogram(), name() + ": distribution" + (missing() > 0 ? " (" + missing() + " missing)" : ""),
                    name(), "rows", false);
        }
        Categorical c = (Categorical) this;
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Level l : c.levels()) { labels.add(l.value()); values.add((double) l.count()); }
        if (c.otherCount() > 0) { labels.add("(other)"); values.add((double) c.otherCount()); }
        if (c.missing() > 0) { labels.add("(missing)"); values.add((double) c.missing()); }
        return Charts.bars(name() + ": counts (" + c.cardinality() + " distinct)", name(), "rows", labels,
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
