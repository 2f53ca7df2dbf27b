package report;

import ingest.Aggregates;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.numbers.IntColumnType;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exposure and visit statistics per demographic segment, from a per-person table (one row per person,
 * zero-exposure people included) with an exposures and a visits count column.
 *
 * <p>How a column is cut into segments (documented rule):
 * <ul>
 * <li>categorical: one segment per value, most common first; beyond {@link #TOP_LEVELS} values the rest
 *     form "(other)";</li>
 * <li>a numeric column named {@code age} (any case): bands 18–24, 25–34, 35–44, 45–54, 55–64, 65+ (and
 *     "under 18" when present);</li>
 * <li>other numeric columns with at most {@link #MAX_DISTINCT_VALUES} distinct integer values: one segment per
 *     value, ascending;</li>
 * <li>other numeric columns: quintile bands (edges = the 20/40/60/80th percentiles, duplicates merged),
 *     labelled "≤ a", "a–b" (meaning a &lt; x ≤ b) and "&gt; d";</li>
 * <li>missing values form "(missing)", always last.</li>
 * </ul>
 */
public final class Segments {
    private Segments() {}

    public static final int TOP_LEVELS = 20;
    public static final int MAX_DISTINCT_VALUES = 12;

    /**
     * One segment of one column.
     *
     * @param frequency people reached exactly 1, 2, ..., 9 times and 10+ times (index 0 = once)
     */
    public record Row(String column, String segment, long people, long reached, long impressions, long[] frequency,
                      long visitors, long visits) {
        public double reachShare() { return people == 0 ? Double.NaN : (double) reached / people; }
        public double averageFrequency() { return reached == 0 ? Double.NaN : (double) impressions / reached; }
        public double visitorShare() { return people == 0 ? Double.NaN : (double) visitors / people; }
        /** Share of the people reached in frequency bucket i (0 = once, Aggregates.FREQUENCY_CAP-1 = 10+). */
        public double frequencyShare(int i) { return reached == 0 ? Double.NaN : (double) frequency[i] / reached; }
        /** "column: segment", e.g. "age: 25–34". */
        public String label() { return column + ": " + segment; }
    }

    /** Segments of every named column, in column order. */
    public static List<Row> of(Table persons, List<String> columns, String exposuresColumn, String visitsColumn) {
        int[] exp = counts(persons, exposuresColumn), vis = counts(persons, visitsColumn);
        List<Row> out = new ArrayList<>();
        for (String c : columns) out.addAll(of(persons.column(c), exp, vis));
        return out;
    }

    private static int[] counts(Table t, String name) {
        Column<?> c = t.column(name);
        if (!(c instanceof NumericColumn<?> n))
            throw new IllegalArgumentException("column '" + name + "' must be numeric, found " + c.type());
        if (c instanceof IntColumn ic) {
            int[] out = ic.asIntArray();
            for (int i = 0; i < out.length; i++) if (out[i] == IntColumnType.missingValueIndicator()) out[i] = 0;
            return out;
        }
        int[] out = new int[c.size()];
        for (int i = 0; i < out.length; i++) out[i] = n.isMissing(i) ? 0 : (int) n.getDouble(i);
        return out;
    }

    /** Segments of one column; exp[i] and vis[i] belong to row i. */
    public static List<Row> of(Column<?> column, int[] exp, int[] vis) {
        int n = column.size();
        if (exp.length != n || vis.length != n)
            throw new IllegalArgumentException("column '" + column.name() + "' has " + n + " rows but " + exp.length + " exposure counts");
        Cut cut = column instanceof NumericColumn<?> num ? numericCut(num) : categoricalCut(column);
        int k = cut.labels.size();
        long[] people = new long[k], reached = new long[k], imp = new long[k], visitors = new long[k], visits = new long[k];
        long[][] freq = new long[k][Aggregates.FREQUENCY_CAP];
        for (int i = 0; i < n; i++) {
            int s = cut.code[i];
            int e = exp[i];
            people[s]++;
            imp[s] += e;
            if (e > 0) { reached[s]++; freq[s][Math.min(e, Aggregates.FREQUENCY_CAP) - 1]++; }
            if (vis[i] > 0) visitors[s]++;
            visits[s] += vis[i];
        }
        List<Row> rows = new ArrayList<>(k);
        for (int s = 0; s < k; s++)
            if (people[s] > 0)
                rows.add(new Row(column.name(), cut.labels.get(s), people[s], reached[s], imp[s], freq[s], visitors[s], visits[s]));
        return rows;
    }

    /** Segment code per row and the segment labels (the last one is "(missing)"). */
    private record Cut(int[] code, List<String> labels) {}

    private static Cut categoricalCut(Column<?> c) {
        int n = c.size();
        Map<String, Integer> ids = new HashMap<>();
        List<String> values = new ArrayList<>();
        int[] raw = new int[n];
        List<long[]> counts = new ArrayList<>();
        int[] byKey = dictionaryKeys(c);
        int minKey = 0, keyRange = 0;
        if (byKey != null && n > 0) {       // keys start at the key type's minimum (e.g. -128 for byte keys)
            int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
            for (int k : byKey) { lo = Math.min(lo, k); hi = Math.max(hi, k); }
            minKey = lo;
            if ((long) hi - lo + 1 > SMALL_RANGE) byKey = null; else keyRange = hi - lo + 1;
        }
        if (byKey != null && n > 0) {               // dictionary-encoded StringColumn: one lookup per distinct key, not per row
            DictionaryMap dict = ((StringColumn) c).getDictionary();
            int[] idOfKey = new int[keyRange];
            Arrays.fill(idOfKey, Integer.MIN_VALUE);
            for (int i = 0; i < n; i++) {
                int key = byKey[i] - minKey;
                int id = idOfKey[key];
                if (id == Integer.MIN_VALUE) {
                    String v = dict.getValueForKey(key + minKey);
                    if (v == null || v.isBlank()) id = -1;
                    else { id = values.size(); values.add(v); counts.add(new long[1]); }
                    idOfKey[key] = id;
                }
                raw[i] = id;
                if (id >= 0) counts.get(id)[0]++;
            }
        } else {
            for (int i = 0; i < n; i++) {
                String v = c.isMissing(i) ? null : c.getString(i);
                if (v == null || v.isBlank()) { raw[i] = -1; continue; }
                Integer id = ids.get(v);
                if (id == null) { id = values.size(); ids.put(v, id); values.add(v); counts.add(new long[1]); }
                raw[i] = id;
                counts.get(id)[0]++;
            }
        }
        Integer[] order = new Integer[values.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> counts.get(a)[0] != counts.get(b)[0] ? Long.compare(counts.get(b)[0], counts.get(a)[0])
                : values.get(a).compareTo(values.get(b)));
        int shown = Math.min(TOP_LEVELS, order.length);
        boolean other = order.length > TOP_LEVELS;
        int[] rank = new int[order.length];
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < order.length; r++) rank[order[r]] = Math.min(r, shown);
        for (int r = 0; r < shown; r++) labels.add(values.get(order[r]));
        if (other) labels.add("(other)");
        int missing = labels.size();
        labels.add("(missing)");
        for (int i = 0; i < n; i++) raw[i] = raw[i] < 0 ? missing : rank[raw[i]];     // in place: raw ids -> segment codes
        return new Cut(raw, labels);
    }

    /** The dictionary key of every row of a dictionary-encoded StringColumn, or null (other columns, or no dictionary). */
    private static int[] dictionaryKeys(Column<?> c) {
        if (!(c instanceof StringColumn sc)) return null;
        DictionaryMap d = sc.getDictionary();
        if (d.getClass().getSimpleName().startsWith("Null")) return null;
        try {
            int[] k = new int[sc.size()];
            for (int i = 0; i < k.length; i++) k[i] = d.getKeyForIndex(i);
            return k;
        } catch (RuntimeException notSupported) {
            return null;
        }
    }

    /** Values of a numeric column, NaN where missing (IntColumn read in bulk). */
    static double[] values(NumericColumn<?> c) {
        int n = c.size();
        double[] v = new double[n];
        if (c instanceof IntColumn ic) {
            int[] a = ic.asIntArray();
            for (int i = 0; i < n; i++) v[i] = a[i] == IntColumnType.missingValueIndicator() ? Double.NaN : a[i];
        } else {
            for (int i = 0; i < n; i++) v[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return v;
    }

    /** Present values are all integers spanning at most this many values: counted with an array, no sorting. */
    static final int SMALL_RANGE = 1 << 20;

    /**
     * Distinct present values, ascending, or null when there are more than {@code limit}; integer columns of
     * small range are counted with an array (no sorting, no boxing).
     */
    static double[] distinct(double[] v, int limit) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        boolean ints = true;
        for (double x : v) if (!Double.isNaN(x)) { min = Math.min(min, x); max = Math.max(max, x); ints &= x == Math.rint(x); }
        if (min > max) return new double[0];
        if (ints && max - min < SMALL_RANGE) {
            boolean[] seen = new boolean[(int) (max - min) + 1];
            int k = 0;
            for (double x : v) if (!Double.isNaN(x) && !seen[(int) (x - min)]) { seen[(int) (x - min)] = true; if (++k > limit) return null; }
            double[] out = new double[k];
            int j = 0;
            for (int i = 0; i < seen.length; i++) if (seen[i]) out[j++] = min + i;
            return out;
        }
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().distinct().toArray();
        return s.length > limit ? null : s;
    }

    private static Cut numericCut(NumericColumn<?> c) {
        int n = c.size();
        double[] v = values(c);
        double[] edges;         // upper bounds (inclusive) of every band but the last
        List<String> labels = new ArrayList<>();
        double[] distinct;
        if (c.name().equalsIgnoreCase("age")) {
            double[] lo = {18, 25, 35, 45, 55, 65};
            boolean under = false;
            for (double x : v) if (x < 18) { under = true; break; }
            List<Double> e = new ArrayList<>();
            if (under) { e.add(17.999999); labels.add("under 18"); }
            for (int b = 0; b < lo.length; b++) {
                if (b + 1 < lo.length) { e.add(lo[b + 1] - 1e-6); labels.add(TextTable.num(lo[b]) + "–" + TextTable.num(lo[b + 1] - 1)); }
                else labels.add(TextTable.num(lo[b]) + "+");
            }
            edges = e.stream().mapToDouble(Double::doubleValue).toArray();
        } else if ((distinct = distinct(v, MAX_DISTINCT_VALUES)) != null && Arrays.stream(distinct).allMatch(x -> x == Math.rint(x))) {
            edges = distinct.length == 0 ? new double[0] : Arrays.copyOf(distinct, distinct.length - 1);
            for (double d : distinct) labels.add(TextTable.num(d));
            if (distinct.length == 0) labels.add("(none)");
        } else {
            double[] sorted = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
            int present = sorted.length;
            double top = present == 0 ? Double.NEGATIVE_INFINITY : sorted[present - 1];
            edges = Arrays.stream(new double[]{0.2, 0.4, 0.6, 0.8}).map(p -> Quantiles.ofSorted(sorted, p)).distinct()
                    .filter(x -> x < top).toArray();
            if (edges.length == 0) labels.add(top == Double.NEGATIVE_INFINITY ? "(none)" : "all " + TextTable.num(sorted[0]));
            else {
                labels.add("≤ " + TextTable.num(edges[0]));
                for (int b = 1; b < edges.length; b++) labels.add(TextTable.num(edges[b - 1]) + "–" + TextTable.num(edges[b]));
                labels.add("> " + TextTable.num(edges[edges.length - 1]));
            }
        }
        int missing = labels.size();
        labels.add("(missing)");
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(v[i])) { code[i] = missing; continue; }
            int b = Arrays.binarySearch(edges, v[i]);       // band = number of edges < v
            code[i] = b >= 0 ? b : -b - 1;
        }
        return new Cut(code, labels);
    }
}
