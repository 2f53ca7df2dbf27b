package model;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A binned distribution of one variable, kept in the {@link ModelCard} so new data can be compared with the
 * training data (population stability index, {@link #psi}). Plain fields: Jackson round-trips it.
 *
 * <ul>
 * <li>NUMERIC: {@code edges} are the distinct training deciles (at most 9 cut points); bucket 0 is
 *     {@code x <= edges[0]}, bucket i is {@code edges[i-1] < x <= edges[i]}, the last is {@code x > edges[last]}.</li>
 * <li>CATEGORICAL: one bucket per training level ({@code labels}, sorted); at scoring time levels never seen
 *     in training are counted in {@code unseen}.</li>
 * </ul>
 * Missing values are a bucket of their own ({@code missing}) in both kinds.
 *
 * @param counts  rows per bucket, aligned with {@code labels}
 * @param unseen  CATEGORICAL: rows with a level absent from {@code labels} (0 in the training profile)
 * @param total   all rows, including missing and unseen
 */
public record Profile(String name, Kind kind, List<Double> edges, List<String> labels, List<Long> counts,
                      long missing, long unseen, long total) {
    public enum Kind { NUMERIC, CATEGORICAL }

    /** Share floor used by {@link #psi} for empty buckets (stated: 1e-4, i.e. 0.01%). */
    public static final double FLOOR = 1e-4;
    static final int BINS = 10;

    public Profile {
        edges = edges == null ? List.of() : List.copyOf(edges);
        labels = List.copyOf(labels);
        counts = List.copyOf(counts);
        if (labels.size() != counts.size()) throw new IllegalArgumentException("profile '" + name + "': " + labels.size() + " labels but " + counts.size() + " counts");
    }

    /** Decile buckets of {@code values} (NaN = missing). */
    public static Profile numeric(String name, double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        List<Double> edges = new ArrayList<>();
        if (v.length > 0) {
            for (int k = 1; k < BINS; k++) {
                double q = v[(int) Math.min(v.length - 1, Math.floor((double) k * v.length / BINS))];
                if (edges.isEmpty() || q > edges.get(edges.size() - 1)) edges.add(q);
            }
            // the top cut point must leave something above it, else it only adds an empty bucket
            while (!edges.isEmpty() && edges.get(edges.size() - 1) >= v[v.length - 1]) edges.remove(edges.size() - 1);
        }
        return countNumeric(name, edges, values);
    }

    /** Buckets {@code values} with these edges (the training profile's). */
    static Profile countNumeric(String name, List<Double> edges, double[] values) {
        double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray();
        long[] c = new long[e.length + 1];
        long missing = 0;
        for (double x : values) {
            if (Double.isNaN(x)) { missing++; continue; }
            int lo = 0, hi = e.length; // first edge >= x
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (e[mid] < x) lo = mid + 1; else hi = mid;
            }
            c[lo]++;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i <= e.length; i++) {
            if (e.length == 0) labels.add("all");
            else if (i == 0) labels.add("<= " + fmt(e[0]));
            else if (i == e.length) labels.add("> " + fmt(e[i - 1]));
            else labels.add(fmt(e[i - 1]) + " < x <= " + fmt(e[i]));
        }
        return new Profile(name, Kind.NUMERIC, edges, labels, boxed(c), missing, 0, values.length);
    }

    /** Level counts of {@code values} (null or empty = missing). */
    public static Profile categorical(String name, String[] values) {
        Map<String, Long> m = new TreeMap<>();
        long missing = 0;
        for (String s : values) {
            if (s == null || s.isEmpty()) missing++;
            else m.merge(s, 1L, Long::sum);
        }
        return new Profile(name, Kind.CATEGORICAL, List.of(), new ArrayList<>(m.keySet()), new ArrayList<>(m.values()), missing, 0, values.length);
    }

    /** The profile of a table column with this profile's buckets (new data). */
    public Profile recount(Column<?> column) {
        if (kind == Kind.NUMERIC) return countNumeric(name, edges, values(column));
        return recountCategorical(strings(column));
    }

    Profile recountCategorical(String[] values) {
        Map<String, Integer> slot = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) slot.put(labels.get(i), i);
        long[] c = new long[labels.size()];
        long missing = 0, unseenN = 0;
        for (String s : values) {
            if (s == null || s.isEmpty()) { missing++; continue; }
            Integer i = slot.get(s);
            if (i == null) unseenN++; else c[i]++;
        }
        return new Profile(name, kind, edges, labels, boxed(c), missing, unseenN, values.length);
    }

    /** Levels present in {@code values} that this (training) profile does not know, with their counts. */
    Map<String, Long> unseenLevels(String[] values) {
        Map<String, Long> out = new TreeMap<>();
        java.util.Set<String> known = new java.util.HashSet<>(labels);
        for (String s : values) if (s != null && !s.isEmpty() && !known.contains(s)) out.merge(s, 1L, Long::sum);
        return out;
    }

    /**
     * Population stability index of {@code actual} against this (expected) profile:
     * sum over buckets (incl. missing, and unseen for categoricals) of (a - e) ln(a / e), with shares floored
     * at {@link #FLOOR}. 0 = identical; &lt; 0.1 stable, 0.1-0.25 moderate shift, &gt; 0.25 significant.
     */
    public double psi(Profile actual) {
        if (actual.kind != kind || !actual.labels.equals(labels) || !actual.edges.equals(edges)) {
            throw new IllegalArgumentException("profile '" + name + "': buckets differ; recount the new data with this profile's buckets");
        }
        double[] e = shares(), a = actual.shares();
        double s = 0;
        for (int i = 0; i < e.length; i++) {
            double ei = Math.max(e[i], FLOOR), ai = Math.max(a[i], FLOOR);
            s += (ai - ei) * Math.log(ai / ei);
        }
        return s;
    }

    /** Bucket shares: the labelled buckets, then missing, then unseen. */
    public double[] shares() {
        double[] s = new double[counts.size() + 2];
        double t = Math.max(1, total);
        for (int i = 0; i < counts.size(); i++) s[i] = counts.get(i) / t;
        s[counts.size()] = missing / t;
        s[counts.size() + 1] = unseen / t;
        return s;
    }

    /** Bucket labels matching {@link #shares()}. */
    public List<String> bucketLabels() {
        List<String> l = new ArrayList<>(labels);
        l.add("(missing)");
        l.add("(unseen)");
        return l;
    }

    static double[] values(Column<?> column) {
        if (!(column instanceof NumericColumn<?> nc)) {
            throw new ModelException("column '" + column.name() + "' holds text (" + column.type() + "), but the model reads it as a number");
        }
        double[] v = new double[nc.size()];
        for (int i = 0; i < v.length; i++) v[i] = nc.isMissing(i) ? Double.NaN : nc.getDouble(i);
        return v;
    }

    static String[] strings(Column<?> column) {
        String[] s = new String[column.size()];
        for (int i = 0; i < s.length; i++) s[i] = column.isMissing(i) ? null : column.getString(i);
        return s;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static List<Long> boxed(long[] a) { return Arrays.stream(a).boxed().toList(); }
}
