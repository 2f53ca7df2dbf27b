package report;

import java.util.Arrays;

/**
 * Distribution of a per-person count (exposures per person, visits per person). Zero-count people must
 * be in the array: the summary describes the whole population. Quantiles follow {@link Quantiles}
 * (linear interpolation, numpy default).
 */
public record CountSummary(String label, long n, long total, double mean, double median,
                           double p10, double p25, double p50, double p75, double p90, double p95, double p99,
                           long max, double shareZero, double share10Plus) {

    /** Summarises counts (one entry per person, each >= 0). */
    public static CountSummary of(String label, int[] counts) {
        int[] s = counts.clone();
        Arrays.sort(s);
        if (s.length > 0 && s[0] < 0) throw new IllegalArgumentException(label + ": counts must be >= 0, found " + s[0]);
        long n = s.length, total = 0, zero = 0, tenPlus = 0;
        for (int c : s) { total += c; if (c == 0) zero++; if (c >= 10) tenPlus++; }
        double mean = n == 0 ? Double.NaN : (double) total / n;
        return new CountSummary(label, n, total, mean, Quantiles.ofSorted(s, 0.5),
                Quantiles.ofSorted(s, 0.10), Quantiles.ofSorted(s, 0.25), Quantiles.ofSorted(s, 0.50),
                Quantiles.ofSorted(s, 0.75), Quantiles.ofSorted(s, 0.90), Quantiles.ofSorted(s, 0.95),
                Quantiles.ofSorted(s, 0.99), n == 0 ? 0 : s[s.length - 1],
                n == 0 ? Double.NaN : (double) zero / n, n == 0 ? Double.NaN : (double) tenPlus / n);
    }

    /** One row per summary, e.g. exposures and visits side by side. */
    public static TextTable table(String title, CountSummary... rows) {
        TextTable.Builder b = TextTable.builder(title, "count", "n", "total", "mean", "median",
                "p10", "p25", "p75", "p90", "p95", "p99", "max", "zero", "10+");
        for (CountSummary s : rows)
            b.row(s.label, s.n, s.total, s.mean, s.median, s.p10, s.p25, s.p75, s.p90, s.p95, s.p99, s.max,
                    TextTable.pct(s.shareZero), TextTable.pct(s.share10Plus));
        return b.build();
    }

    public TextTable table() { return table(label, this); }

    public String toText() { return table().toText(); }
}
