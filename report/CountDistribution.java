package report;

import java.util.Arrays;
import java.util.List;

/**
 * A per-person count distribution in run-length form: {@code people[i]} persons have exactly
 * {@code values[i]} (values strictly increasing, every people[i] > 0). Built from one count per person
 * ({@link #of(int[])}) or from a frequency table where element k is the number of persons with exactly k
 * ({@link #ofFrequencies(List)}, what ingestion produces), so a summary never needs one array entry per
 * person. Its size is the number of distinct counts.
 */
public record CountDistribution(int[] values, long[] people) {

    public CountDistribution {
        if (values.length != people.length) throw new IllegalArgumentException("values and people differ in length");
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) throw new IllegalArgumentException("counts must be >= 0, found " + values[i]);
            if (people[i] <= 0) throw new IllegalArgumentException("people per count must be > 0, found " + people[i] + " for count " + values[i]);
            if (i > 0 && values[i] <= values[i - 1]) throw new IllegalArgumentException("count values must increase, found " + values[i] + " after " + values[i - 1]);
        }
    }

    /** From one count per person (each >= 0). */
    public static CountDistribution of(int[] counts) {
        int[] s = counts.clone();
        Arrays.sort(s);
        if (s.length > 0 && s[0] < 0) throw new IllegalArgumentException("counts must be >= 0, found " + s[0]);
        int distinct = 0;
        for (int i = 0; i < s.length; i++) if (i == 0 || s[i] != s[i - 1]) distinct++;
        int[] v = new int[distinct];
        long[] p = new long[distinct];
        int j = -1;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) v[++j] = s[i];
            p[j]++;
        }
        return new CountDistribution(v, p);
    }

    /** From a frequency table: element k = persons with exactly k (zeros allowed, negatives not). */
    public static CountDistribution ofFrequencies(List<? extends Number> peopleWithCount) {
        long[] f = new long[peopleWithCount.size()];
        for (int k = 0; k < f.length; k++) f[k] = peopleWithCount.get(k).longValue();
        return ofFrequencies(f);
    }

    /** From a frequency table: element k = persons with exactly k (zeros allowed, negatives not). */
    public static CountDistribution ofFrequencies(long[] peopleWithCount) {
        int distinct = 0;
        for (int k = 0; k < peopleWithCount.length; k++) {
            if (peopleWithCount[k] < 0) throw new IllegalArgumentException("persons with count " + k + " must be >= 0, found " + peopleWithCount[k]);
            if (peopleWithCount[k] > 0) distinct++;
        }
        int[] v = new int[distinct];
        long[] p = new long[distinct];
        int j = 0;
        for (int k = 0; k < peopleWithCount.length; k++) if (peopleWithCount[k] > 0) { v[j] = k; p[j] = peopleWithCount[k]; j++; }
        return new CountDistribution(v, p);
    }

    /** Number of persons. */
    public long n() { long s = 0; for (long x : people) s += x; return s; }

    /** Sum of the counts over persons. */
    public long total() { long s = 0; for (int i = 0; i < values.length; i++) s += values[i] * people[i]; return s; }

    public int max() { return values.length == 0 ? 0 : values[values.length - 1]; }

    /** Persons with a count in [lo, hi] (inclusive). */
    public long peopleBetween(long lo, long hi) {
        long s = 0;
        for (int i = 0; i < values.length; i++) if (values[i] >= lo && values[i] <= hi) s += people[i];
        return s;
    }

    /** The k-th smallest count, 0-based (k < n). */
    public int orderStatistic(long k) {
        long cum = 0;
        for (int i = 0; i < values.length; i++) {
            cum += people[i];
            if (k < cum) return values[i];
        }
        throw new IndexOutOfBoundsException("order statistic " + k + " of " + n() + " values");
    }

    /** Quantile by linear interpolation (numpy default, see {@link Quantiles}); NaN when empty. */
    public double quantile(double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) throw new IllegalArgumentException("quantile probability must be in [0,1], got " + p);
        long n = n();
        if (n == 0) return Double.NaN;
        double h = (n - 1) * p;
        long lo = (long) Math.floor(h);
        if (lo >= n - 1) return max();
        int a = orderStatistic(lo), b = orderStatistic(lo + 1);
        return a + (h - lo) * ((double) b - a);
    }
}
