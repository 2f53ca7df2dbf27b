package report;

/**
 * Empirical cumulative distribution of per-person counts: share[i] = share of people with a count
 * <= x[i], one point per distinct count (so its size is bounded by the number of distinct counts, not
 * by the number of people).
 */
public record Cdf(String label, int[] x, double[] share) {

    public static Cdf ofCounts(String label, int[] counts) {
        int[] s = counts.clone();
        java.util.Arrays.sort(s);                     // O(n log n) and no array sized by the largest count
        if (s.length > 0 && s[0] < 0) throw new IllegalArgumentException(label + ": counts must be >= 0, found " + s[0]);
        int distinct = 0;
        for (int i = 0; i < s.length; i++) if (i == 0 || s[i] != s[i - 1]) distinct++;
        int[] x = new int[distinct];
        double[] share = new double[distinct];
        int j = -1;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) x[++j] = s[i];
            share[j] = (double) (i + 1) / s.length;
        }
        return new Cdf(label, x, share);
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
