package model;

import ingest.EventTimes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How soon after an exposure the extra visits come, against a baseline built from the same people's
 * visit times shifted by whole weeks.
 *
 * <p>Observed: every (exposure, later visit) pair of a person with a lag in [0, horizon), counted per
 * hour of lag. Baseline: the same, with each visit moved by k = 1..K whole weeks (so weekday and hour
 * of day, which drive exposures and visits alike, are kept); averaged over the K shifts. Times are taken
 * on a circle: the exposure period cut to whole weeks, with exposures and visits wrapped onto it, so every
 * visit (observed or shifted, early or late in the period) has the same chance of meeting an exposure at
 * any lag; without it, visits late in the period (as triggered ones tend to be) would have more chance
 * partners than their shifted copies.
 * The excess (observed minus baseline) per lag hour is the attributable visits {@code a(b)}: a visit
 * triggered by exposure e* meets the person's other exposures at chance lags in both the observed data
 * and its shifted copies, and meets e* itself at its true delay in the observed data only (shifted by
 * whole weeks, e* lands a week or more away, beyond the horizon, for delays shorter than the period
 * minus the horizon). So the triggered visits are {@code T = sum a(b)} (delays assumed shorter than the
 * horizon), the delay distribution is {@code a / T} and the share of all visits attributable within h
 * hours is {@code sum_{b<h} a(b) / visits}.
 *
 * <p>Intervals: percentile bootstrap over people (people are split into {@code groups} fixed random
 * groups whose counts are resampled, which keeps the bootstrap cheap at any size), seeded.
 *
 * @param horizonHours  lag horizon (bins of one hour)
 * @param periodWeeks   exposure period in whole weeks (visits are wrapped within it)
 * @param shifts        number of week shifts averaged for the baseline (0: too short a period, no estimate)
 * @param observed      pairs per lag hour
 * @param baseline      mean pairs per lag hour over the shifts
 * @param attributable  a(b) per lag hour
 * @param delayMean     mean delay of the attributable visits, hours, with {@code delayMeanCi}
 * @param withinHours   the h of {@link #share}
 * @param share         share of all visits attributable within h (point, lower, upper per h)
 * @param triggered     estimated triggered visits T with its interval {@code triggeredCi}
 */
public record VisitTiming(int horizonHours, int periodWeeks, int shifts, long visits, long pairs,
                          double[] observed, double[] baseline, double[] attributable, double[] delayDensityLower,
                          double[] delayDensityUpper, double delayMean, double[] delayMeanCi, double delayMedian,
                          int[] withinHours, double[][] share, double triggered, double[] triggeredCi,
                          int groups, int replicates, double level) {

    static final int WEEK = 7 * 86400;

    public boolean available() { return shifts > 0; }

    /** Point estimate of the share of visits attributable within {@code h} hours (h one of {@link #withinHours}). */
    public double shareWithin(int h) { return share[indexOf(h)][0]; }
    public double[] shareWithinCi(int h) { return new double[] {share[indexOf(h)][1], share[indexOf(h)][2]}; }

    private int indexOf(int h) {
        for (int i = 0; i < withinHours.length; i++) if (withinHours[i] == h) return i;
        throw new IllegalArgumentException("no share within " + h + " h; have " + Arrays.toString(withinHours));
    }

    public static VisitTiming of(EventTimes ev, VisitLiftOptions o) {
        int H = o.horizonHours(), G = o.groups();
        int n = ev.persons();
        int minE = Integer.MAX_VALUE, maxE = Integer.MIN_VALUE;
        for (int i = 0; i < ev.exposures(); i++) { minE = Math.min(minE, ev.exposureTime(i)); maxE = Math.max(maxE, ev.exposureTime(i)); }
        int weeks = ev.exposures() == 0 ? 0 : (int) Math.max(1, Math.round((maxE - (double) minE) / WEEK));
        int shifts = Math.max(0, Math.min(weeks - 1, o.shifts()));
        int period = weeks * WEEK;
        final int origin = minE, K = shifts;
        // whole counts per group (baseline pairs summed over the K shifts): sums of integers do not depend on
        // the order, so the person ranges can be counted in parallel with identical results
        final int CH = 32;
        long[][][] parts = java.util.stream.IntStream.range(0, CH).parallel().mapToObj(c -> {
            long[][] ob = new long[G][H], bs = new long[G][H];
            long[] vc = new long[G], pc = new long[G];
            int[] buf = new int[16];
            for (int p = (int) ((long) n * c / CH), to = (int) ((long) n * (c + 1) / CH); p < to; p++) {
                int es = ev.exposureStart(p), ee = ev.exposureEnd(p), vs = ev.visitStart(p), ve = ev.visitEnd(p);
                if (ve == vs) continue;
                int g = group(p, G);
                vc[g] += ve - vs;
                pc[g] += (long) (ve - vs) * (ee - es);
                if (ee == es || K == 0) continue;
                // the person's exposures on the circle [0, period): every visit, observed or shifted, then has the
                // same chance of an exposure at any lag (no edge effects at the period's ends)
                int m = ee - es;
                if (buf.length < m) buf = new int[Math.max(m, 2 * buf.length)];
                boolean wrapped = false;
                for (int j = 0; j < m; j++) {
                    long r = (long) ev.exposureTime(es + j) - origin;
                    buf[j] = (int) Math.floorMod(r, (long) period);
                    wrapped |= r >= period;
                }
                if (wrapped) Arrays.sort(buf, 0, m);
                for (int i = vs; i < ve; i++) {
                    long v = (long) ev.visitTime(i) - origin;
                    pairs(buf, m, (int) Math.floorMod(v, (long) period), period, H, ob[g]);
                    for (int k = 1; k <= K; k++) pairs(buf, m, (int) Math.floorMod(v + (long) k * WEEK, (long) period), period, H, bs[g]);
                }
            }
            long[][] out = new long[2 * G + 2][];
            for (int g = 0; g < G; g++) { out[g] = ob[g]; out[G + g] = bs[g]; }
            out[2 * G] = vc;
            out[2 * G + 1] = pc;
            return out;
        }).toArray(long[][][]::new);
        double[][] obs = new double[G][H], base = new double[G][H];
        double[] vis = new double[G], prs = new double[G];
        for (int g = 0; g < G; g++) {
            long[] o1 = new long[H], b1 = new long[H];
            long v1 = 0, p1 = 0;
            for (long[][] part : parts) {
                for (int b = 0; b < H; b++) { o1[b] += part[g][b]; b1[b] += part[G + g][b]; }
                v1 += part[2 * G][g];
                p1 += part[2 * G + 1][g];
            }
            for (int b = 0; b < H; b++) { obs[g][b] = o1[b]; base[g][b] = K == 0 ? 0 : (double) b1[b] / K; }
            vis[g] = v1;
            prs[g] = p1;
        }
        double[] oSum = sumGroups(obs), bSum = sumGroups(base);
        double visits = sum(vis, null), pairs = sum(prs, null);
        int[] within = o.withinHours().stream().mapToInt(Integer::intValue).filter(h -> h <= H).toArray();
        if (shifts == 0 || visits == 0) {
            double[][] share = new double[within.length][] ;
            for (int i = 0; i < within.length; i++) share[i] = new double[] {Double.NaN, Double.NaN, Double.NaN};
            double[] nan = new double[H];
            Arrays.fill(nan, Double.NaN);
            return new VisitTiming(H, weeks, shifts, (long) visits, (long) pairs, oSum, bSum, nan, nan, nan, Double.NaN,
                    new double[] {Double.NaN, Double.NaN}, Double.NaN, within, share, Double.NaN, new double[] {Double.NaN, Double.NaN}, G, 0, o.level());
        }
        Estimate point = estimate(oSum, bSum, visits, within);
        int B = o.bootstrap();
        double[] means = new double[B], trig = new double[B];
        double[][] shares = new double[within.length][B], dens = new double[H][B];
        SplittableRandom rng = new SplittableRandom(o.seed());
        int[] w = new int[G];
        // a replicate needs only observed - baseline per bin: one flat G x H matrix, read once per replicate
        double[] diff = new double[G * H];
        for (int g = 0; g < G; g++) for (int b = 0; b < H; b++) diff[g * H + b] = obs[g][b] - base[g][b];
        double[] zero = new double[H], dSum = new double[H];
        for (int r = 0; r < B; r++) {
            Arrays.fill(w, 0);
            for (int j = 0; j < G; j++) w[rng.nextInt(G)]++;
            Arrays.fill(dSum, 0);
            for (int g = 0; g < G; g++) {
                int k = w[g];
                if (k == 0) continue;
                for (int b = 0, at = g * H; b < H; b++) dSum[b] += k * diff[at + b];
            }
            Estimate e = estimate(dSum, zero, sum(vis, w), within);
            means[r] = e.delayMean;
            trig[r] = e.triggered;
            for (int i = 0; i < within.length; i++) shares[i][r] = e.share[i];
            for (int b = 0; b < H; b++) dens[b][r] = e.triggered > 0 ? e.attributable[b] / e.triggered : Double.NaN;
        }
        double a = (1 - o.level()) / 2;
        double[][] share = new double[within.length][];
        for (int i = 0; i < within.length; i++) {
            double[] ci = interval(shares[i], a);
            share[i] = new double[] {point.share[i], ci[0], ci[1]};
        }
        double[] dLo = new double[H], dHi = new double[H];
        for (int b = 0; b < H; b++) {
            double[] ci = interval(dens[b], a);
            dLo[b] = ci[0];
            dHi[b] = ci[1];
        }
        return new VisitTiming(H, weeks, shifts, (long) visits, (long) pairs, oSum, bSum, point.attributable, dLo, dHi,
                point.delayMean, interval(means, a), point.delayMedian, within, share, point.triggered, interval(trig, a), G, B, o.level());
    }

    /** Adds weight to the lag bins of the pairs (exposure at or before t on the circle, lag < H hours). */
    private static void pairs(int[] e, int m, int t, int period, int H, long[] bins) {
        int from = t - H * 3600 + 1;
        if (from >= 0) range(e, m, from, t, t, bins);
        else {
            range(e, m, 0, t, t, bins);
            range(e, m, period + from, period - 1, t + period, bins);
        }
    }

    /** Exposures with time in [lo, hi], lag = at - time. */
    private static void range(int[] e, int m, int lo, int hi, int at, long[] bins) {
        int a = 0, b = m;
        while (a < b) { int mid = (a + b) >>> 1; if (e[mid] < lo) a = mid + 1; else b = mid; }
        for (int j = a; j < m && e[j] <= hi; j++) bins[(at - e[j]) / 3600]++;
    }

    /** A fixed pseudo-random group per person (a mixing hash, so groups do not follow file order). */
    static int group(int p, int groups) {
        long z = (p + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return (int) Math.floorMod(z ^ (z >>> 29), (long) groups);
    }

    private record Estimate(double[] attributable, double triggered, double delayMean, double delayMedian, double[] share) {}

    private static Estimate estimate(double[] obs, double[] base, double visits, int[] within) {
        int H = obs.length;
        double[] a = new double[H];
        double mean = 0, total = 0;
        for (int b = 0; b < H; b++) {
            a[b] = obs[b] - base[b];
            mean += (b + 0.5) * a[b];
            total += a[b];
        }
        double t = total;
        double median = Double.NaN, cum = 0;
        for (int b = 0; b < H && total > 0; b++) {
            if (cum + a[b] >= total / 2 && a[b] > 0) { median = b + (total / 2 - cum) / a[b]; break; }
            cum += a[b];
        }
        double[] share = new double[within.length];
        for (int i = 0; i < within.length; i++) {
            double s = 0;
            for (int b = 0; b < within[i]; b++) s += a[b];
            share[i] = visits > 0 ? s / visits : Double.NaN;
        }
        return new Estimate(a, t, total > 0 ? mean / total : Double.NaN, median, share);
    }

    private static double[] sumGroups(double[][] x) {
        double[] out = new double[x[0].length];
        for (double[] row : x) for (int b = 0; b < out.length; b++) out[b] += row[b];
        return out;
    }

    private static double sum(double[] x, int[] w) {
        double s = 0;
        for (int g = 0; g < x.length; g++) s += (w == null ? 1 : w[g]) * x[g];
        return s;
    }

    /** The percentile interval {quantile(a), quantile(1 - a)} of v's non-NaN values (one sort). */
    static double[] interval(double[] v, double a) {
        double[] s = sortedPresent(v);
        return new double[] {quantileOfSorted(s, a), quantileOfSorted(s, 1 - a)};
    }

    private static double[] sortedPresent(double[] v) {
        double[] s = new double[v.length];
        int m = 0;
        for (double d : v) if (!Double.isNaN(d)) s[m++] = d;
        s = Arrays.copyOf(s, m);
        Arrays.sort(s);
        return s;
    }

    /** Linear interpolation between order statistics (numpy's default) of sorted s; NaN when s is empty. */
    private static double quantileOfSorted(double[] s, double q) {
        if (s.length == 0) return Double.NaN;
        double pos = q * (s.length - 1);
        int i = (int) Math.floor(pos);
        return i + 1 < s.length ? s[i] + (pos - i) * (s[i + 1] - s[i]) : s[i];
    }

    public String summary() {
        if (!available()) return "Visit timing: not estimated (the exposure period is shorter than two weeks, so no week-shifted baseline exists).\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "Visit timing: %,d visits, %,d (exposure, visit) pairs within %d h; baseline = the same visits shifted by 1..%d weeks within the %d-week exposure period.%n",
                visits, (long) Arrays.stream(observed).sum(), horizonHours, shifts, periodWeeks));
        sb.append(String.format(Locale.ROOT, "  visits triggered by exposures (estimated): %,.0f [%,.0f, %,.0f]%n", triggered, triggeredCi[0], triggeredCi[1]));
        sb.append(String.format(Locale.ROOT, "  delay exposure -> triggered visit: mean %.2f h [%.2f, %.2f], median %.2f h%n", delayMean, delayMeanCi[0], delayMeanCi[1],
                delayMedian));
        for (int i = 0; i < withinHours.length; i++)
            sb.append(String.format(Locale.ROOT, "  share of all visits attributable within %d h: %.4f [%.4f, %.4f]%n", withinHours[i], share[i][0], share[i][1], share[i][2]));
        sb.append(String.format(Locale.ROOT, "  (%.0f%% percentile bootstrap over %d person groups, %d resamples)%n", 100 * level, groups, replicates));
        return sb.toString();
    }

    static List<Integer> defaultWithin() { return List.of(1, 24, 72); }
}
