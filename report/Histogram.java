package report;

import java.util.ArrayList;
import java.util.List;

/**
 * A pre-binned histogram: bin i holds values in [lower[i], upper[i]). For integer counts the bins are labelled by the integers they hold ("0", "2-3", "10-19").
 * Only the bins travel to a chart, never the raw values.
 */
public record Histogram(String label, List<String> binLabels, double[] lower, double[] upper, long[] counts,
                        Kind kind, long missing) {

    /** INTEGER: equal-width bins of counts; LOG2: 0, 1, 2–3, 4–7, ...; REAL: equal-width bins of real values. */
    public enum Kind { INTEGER, LOG2, REAL }

    public boolean logBins() { return kind == Kind.LOG2; }

    public Histogram {
        binLabels = List.copyOf(binLabels);
        if (binLabels.size() != counts.length || lower.length != counts.length || upper.length != counts.length)
            throw new IllegalArgumentException("histogram '" + label + "': bin arrays differ in length");
    }

    /** Number of values binned (sum of bin counts). */
    public long n() { long s = 0; for (long c : counts) s += c; return s; }

    /**
     * Linear bins of equal integer width for counts >= 0. The bins cover 0 up to the 99th percentile
     * (rounded up) and one overflow bin ("N+") holds the tail beyond it, so a heavy tail does not squeeze
     * the body into one bar: width = ceil((p99+1)/(maxBins-1)), and with a small p99 every integer gets its
     * own bin (0 alone, so the zero share stays visible). Use {@link #ofCounts(String, int[], int, int)}
     * to choose where the overflow bin starts.
     */
    public static Histogram ofCounts(String label, int[] counts, int maxBins) {
        return ofCounts(label, CountDistribution.of(counts), maxBins);
    }

    public static Histogram ofCounts(String label, CountDistribution d, int maxBins) {
        return ofCounts(label, d, maxBins, d.n() == 0 ? 0 : (int) Math.ceil(d.quantile(0.99)));
    }

    /**
     * Linear integer bins covering 0..clipAt in at most maxBins-1 bins of equal width, plus an overflow
     * bin for counts beyond the last regular bin (only when such counts exist).
     */
    public static Histogram ofCounts(String label, int[] counts, int maxBins, int clipAt) {
        return ofCounts(label, CountDistribution.of(counts), maxBins, clipAt);
    }

    public static Histogram ofCounts(String label, CountDistribution d, int maxBins, int clipAt) {
        if (maxBins < 2) throw new IllegalArgumentException("maxBins must be >= 2");
        if (clipAt < 0) throw new IllegalArgumentException("clipAt must be >= 0");
        int max = d.max();
        int top = Math.min(clipAt, max);
        int width = (int) Math.ceil((top + 1.0) / (maxBins - 1));
        int regular = top / width + 1;                    // regular bins cover 0 .. regular*width-1
        long overflowFrom = (long) regular * width;
        boolean overflow = max >= overflowFrom;
        int bins = regular + (overflow ? 1 : 0);
        long[] k = new long[bins];
        for (int i = 0; i < d.values().length; i++) { int c = d.values()[i]; k[c >= overflowFrom ? regular : c / width] += d.people()[i]; }
        List<String> labels = new ArrayList<>(bins);
        double[] lo = new double[bins], hi = new double[bins];
        for (int i = 0; i < regular; i++) {
            long a = (long) i * width, b = a + width - 1;
            lo[i] = a; hi[i] = b + 1;
            labels.add(a == b ? Long.toString(a) : a + "–" + b);
        }
        if (overflow) {
            lo[regular] = overflowFrom; hi[regular] = max + 1.0;
            labels.add(overflowFrom + "+");
        }
        return new Histogram(label, labels, lo, hi, k, Kind.INTEGER, 0);
    }

    /**
     * Log-scaled bins for heavy-tailed counts >= 0: 0, 1, 2–3, 4–7, 8–15, ... (powers of two), so a
     * long tail takes a handful of bars while the body keeps its detail.
     */
    public static Histogram ofCountsLog(String label, int[] counts) { return ofCountsLog(label, CountDistribution.of(counts)); }

    public static Histogram ofCountsLog(String label, CountDistribution d) {
        int bins = bin(d.max()) + 1;
        long[] k = new long[bins];
        for (int i = 0; i < d.values().length; i++) k[bin(d.values()[i])] += d.people()[i];
        List<String> labels = new ArrayList<>(bins);
        double[] lo = new double[bins], hi = new double[bins];
        for (int i = 0; i < bins; i++) {
            long a = i == 0 ? 0 : 1L << (i - 1), b = i == 0 ? 0 : (1L << i) - 1;
            lo[i] = a; hi[i] = b + 1;
            labels.add(a == b ? Long.toString(a) : a + "–" + b);
        }
        return new Histogram(label, labels, lo, hi, k, Kind.LOG2, 0);
    }

    private static int bin(int c) { return c == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(c); }

    /**
     * Equal-width bins of real values with a "nice" width (1, 2, 2.5 or 5 times a power of ten) so that
     * at most about {@code bins} bins cover [min, max]; NaN values are counted as missing.
     */
    public static Histogram linear(String label, double[] values, int bins) {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1");
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        long missing = 0;
        for (double v : values) { if (Double.isNaN(v)) { missing++; continue; } min = Math.min(min, v); max = Math.max(max, v); }
        if (missing == values.length) return new Histogram(label, List.of(), new double[0], new double[0], new long[0], Kind.REAL, missing);
        double w = niceStep(max == min ? 1 : (max - min) / bins);
        double start = Math.floor(min / w) * w;
        int nb = Math.max(1, (int) Math.ceil((max - start) / w - 1e-9));
        if (start + nb * w <= max) nb++;                // keep max inside a half-open bin when it sits on an edge
        long[] k = new long[nb];
        for (double v : values) {
            if (Double.isNaN(v)) continue;
            int i = (int) Math.floor((v - start) / w);
            k[Math.min(Math.max(i, 0), nb - 1)]++;
        }
        List<String> labels = new ArrayList<>(nb);
        double[] lo = new double[nb], hi = new double[nb];
        for (int i = 0; i < nb; i++) {
            lo[i] = start + i * w; hi[i] = start + (i + 1) * w;
            labels.add(TextTable.num(lo[i]) + "–" + TextTable.num(hi[i]));
        }
        return new Histogram(label, labels, lo, hi, k, Kind.REAL, missing);
    }

    /** Smallest of 1, 2, 2.5, 5 (times a power of ten) that is >= raw. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) if (m * p >= raw * (1 - 1e-12)) return m * p;
        return 10 * p;
    }

    public TextTable table() {
        long n = n();
        TextTable.Builder b = TextTable.builder(label + (logBins() ? " (log2 bins)" : ""), "bin", "count", "share");
        for (int i = 0; i < counts.length; i++) b.row(binLabels.get(i), counts[i], TextTable.pct(n == 0 ? Double.NaN : (double) counts[i] / n));
        if (missing > 0) b.row("missing", missing, "");
        return b.build();
    }

    public String toText() { return table().toText(); }
}
