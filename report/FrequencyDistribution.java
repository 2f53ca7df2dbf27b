package report;

import ingest.Aggregates;

/**
 * Frequency distribution among people reached: how many people saw it exactly 1, 2, ..., cap-1 times
 * and cap or more times (default cap 10, labelled "10+"). People with zero are counted separately.
 */
public record FrequencyDistribution(String label, int cap, long[] people, long zero, long reached) {

    public static FrequencyDistribution of(String label, int[] counts) { return of(label, counts, Aggregates.FREQUENCY_CAP); }

    public static FrequencyDistribution of(String label, int[] counts, int cap) {
        return of(label, CountDistribution.of(counts), cap);
    }

    public static FrequencyDistribution of(String label, CountDistribution d, int cap) {
        if (cap < 2) throw new IllegalArgumentException("cap must be >= 2");
        long[] k = new long[cap];
        long zero = 0;
        for (int i = 0; i < d.values().length; i++) {
            int c = d.values()[i];
            if (c == 0) zero += d.people()[i]; else k[Math.min(c, cap) - 1] += d.people()[i];
        }
        return new FrequencyDistribution(label, cap, k, zero, d.n() - zero);
    }

    /** "1", "2", ..., "10+". */
    public String bucketLabel(int i) { return Aggregates.countLabel(i + 1, cap); }

    /** Share of reached people in bucket i (0-based: bucket 0 is frequency 1). */
    public double share(int i) { return reached == 0 ? Double.NaN : (double) people[i] / reached; }

    public TextTable table() {
        TextTable.Builder b = TextTable.builder(label + ": frequency among people reached (" + TextTable.fmt(reached) + ")", "frequency", "people", "share");
        for (int i = 0; i < cap; i++) b.row(bucketLabel(i), people[i], TextTable.pct(share(i)));
        return b.build();
    }

    public String toText() { return table().toText(); }
}
