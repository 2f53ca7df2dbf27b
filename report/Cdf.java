package report;

/**
 * Empirical cumulative distribution of per-person counts: share[i] = share of people with a count
 * <= x[i], one point per distinct count (so its size is bounded by the number of distinct counts, not
 * by the number of people).
 */
public record Cdf(String label, int[] x, double[] share) {

    public static Cdf ofCounts(String label, int[] counts) { return of(label, CountDistribution.of(counts)); }

    public static Cdf of(String label, CountDistribution d) {
        long n = d.n(), cum = 0;
        double[] share = new double[d.values().length];
        for (int i = 0; i < share.length; i++) { cum += d.people()[i]; share[i] = (double) cum / n; }
        return new Cdf(label, d.values().clone(), share);
    }

    /** Share of people with a count <= v. */
    public double at(int v) {
        double r = 0;
        for (int i = 0; i < x.length && x[i] <= v; i++) r = share[i];
        return r;
    }

    /** Compact table at a few reference points (0, 1, 2, 5, 10, 20, 50, 100, max). */
    public TextTable table() {
        TextTable.Builder b = TextTable.builder(label + ": cumulative share", "count <=", "share");
        int max = x.length == 0 ? 0 : x[x.length - 1];
        for (int v : new int[]{0, 1, 2, 5, 10, 20, 50, 100}) if (v < max) b.row(v, TextTable.pct(at(v)));
        b.row(max, TextTable.pct(at(max)));
        return b.build();
    }

    public String toText() { return table().toText(); }
}
