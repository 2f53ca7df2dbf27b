package report;

import ingest.Aggregates;

import java.util.List;

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
        return of(label, CountDistribution.of(counts));
    }

    /** Summarises a frequency table: element k = persons with exactly k (e.g. ingestion's exposuresPerPerson). */
    public static CountSummary ofFrequencies(String label, List<? extends Number> peopleWithCount) {
        return of(label, CountDistribution.ofFrequencies(peopleWithCount));
    }

    public static CountSummary of(String label, CountDistribution d) {
        long n = d.n();
        double nn = n;
        return new CountSummary(label, n, d.total(), n == 0 ? Double.NaN : d.total() / nn, d.quantile(0.5),
                d.quantile(0.10), d.quantile(0.25), d.quantile(0.50), d.quantile(0.75), d.quantile(0.90),
                d.quantile(0.95), d.quantile(0.99), d.max(),
                n == 0 ? Double.NaN : d.peopleBetween(0, 0) / nn, n == 0 ? Double.NaN : d.peopleBetween(Aggregates.FREQUENCY_CAP, Integer.MAX_VALUE) / nn);
    }

    /** One row per summary, e.g. exposures and visits side by side. */
    public static TextTable table(String title, CountSummary... rows) {
        TextTable.Builder b = TextTable.builder(title, "count", "n", "total", "mean", "median",
                "p10", "p25", "p75", "p90", "p95", "p99", "max", "zero", Aggregates.countLabel(Aggregates.FREQUENCY_CAP, Aggregates.FREQUENCY_CAP));
        for (CountSummary s : rows)
            b.row(s.label, s.n, s.total, s.mean, s.median, s.p10, s.p25, s.p75, s.p90, s.p95, s.p99, s.max,
                    TextTable.pct(s.shareZero), TextTable.pct(s.share10Plus));
        return b.build();
    }

    public TextTable table() { return table(label, this); }

    public String toText() { return table().toText(); }
}
