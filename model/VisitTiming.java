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
 * hour of lag. Baseline: the same, with each visit moved by k = 1..K whole weeks, wrapped around the
 * exposure period cut to whole weeks (so weekday and hour of day, which drive exposures and visits
 * alike, are kept, and visits keep their distribution over the period); averaged over the K shifts.
 * The excess (observed minus baseline) per lag hour comes from visits an exposure triggered, with one
 * correction: a triggered visit has one chance partner fewer among its person's other exposures than
 * its shifted copies (its own trigger is not at a chance position), so the excess is
 * {@code T (f(b) - c(b))} with {@code c(b)} the chance share of one (visit, exposure) pair landing in
 * lag hour b (measured by the baseline). Hence the triggered visits {@code T = E / (1 - C)} (E, C: sums
 * over the horizon, assuming delays shorter than the horizon), the attributable visits per lag hour
 * {@code a(b) = excess(b) + T c(b)}, the delay distribution {@code a / T} and the share of all visits
 * attributable within h hours {@code sum_{b<h} a(b) / visits}.
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
        double[][] obs = new double[G][H], base = new double[G][H];
        double[] vis = new double[G], prs = new double[G];
        long period = (long) weeks * WEEK;
        final int origin = minE;
        for (int p = 0; p < n; p++) {
            int es = ev.exposureStart(p), ee = ev.exposureEnd(p), vs = ev.visitStart(p), ve = ev.visitEnd(p);
            if (ve == vs) continue;
            int g = group(p, G);
            vis[g] += ve - vs;
            prs[g] += (double) (ve - vs) * (ee - es);
            if (ee == es || shifts == 0) continue;
            for (int i = vs; i < ve; i++) {
                int v = ev.visitTime(i);
                pairs(ev, es, ee, v, H, obs[g], 1);
                for (int k = 1; k <= shifts; k++) {
                    long shifted = origin + Math.floorMod((long) v - origin + (long) k * WEEK, period);
                    pairs(ev, es, ee, shifted, H, base[g], 1.0 / shifts);
                }
            }
        }
        double[] oSum = sumGroups(obs, null), bSum = sumGroups(base, null);
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
        Estimate point = estimate(oSum, bSum, visits, pairs, within);
        int B = o.bootstrap();
        double[] means = new double[B], trig = new double[B];
        double[][] shares = new double[within.length][B], dens = new double[H][B];
        SplittableRandom rng = new SplittableRandom(o.seed());
        int[] w = new int[G];
        for (int r = 0; r < B; r++) {
            Arrays.fill(w, 0);
            for (int j = 0; j < G; j++) w[rng.nextInt(G)]++;
            Estimate e = estimate(sumGroups(obs, w), sumGroups(base, w), sum(vis, w), sum(prs, w), within);
            means[r] = e.delayMean;
            trig[r] = e.triggered;
            for (int i = 0; i < within.length; i++) shares[i][r] = e.share[i];
            for (int b = 0; b < H; b++) dens[b][r] = e.triggered > 0 ? e.attributable[b] / e.triggered : Double.NaN;
        }
        double a = (1 - o.level()) / 2;
        double[][] share = new double[within.length][];
        for (int i = 0; i < within.length; i++) share[i] = new double[] {point.share[i], quantile(shares[i], a), quantile(shares[i], 1 - a)};
        double[] dLo = new double[H], dHi = new double[H];
        for (int b = 0; b < H; b++) { dLo[b] = quantile(dens[b], a); dHi[b] = quantile(dens[b], 1 - a); }
        return new VisitTiming(H, weeks, shifts, (long) visits, (long) pairs, oSum, bSum, point.attributable, dLo, dHi,
                point.delayMean, new double[] {quantile(means, a), quantile(means, 1 - a)}, point.delayMedian, within, share,
                point.triggered, new double[] {quantile(trig, a), quantile(trig, 1 - a)}, G, B, o.level());
    }

    /** Adds weight to the lag bins of the pairs (exposure at or before t, lag < H hours). */
    private static void pairs(EventTimes ev, int es, int ee, long t, int H, double[] bins, double weight) {
        long from = t - (long) H * 3600 + 1;
        int lo = es, hi = ee;                       // first exposure with time >= from
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (ev.exposureTime(mid) < from) lo = mid + 1; else hi = mid; }
        for (int j = lo; j < ee; j++) {
            long e = ev.exposureTime(j);
            if (e > t) break;
            bins[(int) ((t - e) / 3600)] += weight;
        }
    }

    /** A fixed pseudo-random group per person (a mixing hash, so groups do not follow file order). */
    static int group(int p, int groups) {
        long z = (p + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return (int) Math.floorMod(z ^ (z >>> 29), (long) groups);
    }

    private record Estimate(double[] attributable, double triggered, double delayMean, double delayMedian, double[] share) {}

    private static Estimate estimate(double[] obs, double[] base, double visits, double pairs, int[] within) {
        int H = obs.length;
        double e = 0, c = 0;
        for (int b = 0; b < H; b++) { e += obs[b] - base[b]; c += pairs > 0 ? base[b] / pairs : 0; }
        double t = c < 1 ? e / (1 - c) : Double.NaN;
        double[] a = new double[H];
        double mean = 0, total = 0;
        for (int b = 0; b < H; b++) {
            a[b] = obs[b] - base[b] + (pairs > 0 ? t * base[b] / pairs : 0);
            mean += (b + 0.5) * a[b];
            total += a[b];
        }
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

    private static double[] sumGroups(double[][] x, int[] w) {
        double[] out = new double[x[0].length];
        for (int g = 0; g < x.length; g++) {
            double k = w == null ? 1 : w[g];
            if (k == 0) continue;
            for (int b = 0; b < out.length; b++) out[b] += k * x[g][b];
        }
        return out;
    }

    private static double sum(double[] x, int[] w) {
        double s = 0;
        for (int g = 0; g < x.length; g++) s += (w == null ? 1 : w[g]) * x[g];
        return s;
    }

    static double quantile(double[] v, double q) {
        double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (s.length == 0) return Double.NaN;
        double pos = q * (s.length - 1);
        int i = (int) Math.floor(pos);
        return i + 1 < s.length ? s[i] + (pos - i) * (s[i + 1] - s[i]) : s[i];
    }

    public String summary() {
        if (!available()) return "Visit timing: not estimated (the exposure period is shorter than two weeks, so no week-shifted baseline exists).\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Visit timing: %,d visits, %,d (exposure, visit) pairs within %d h; baseline = the same visits shifted by 1..%d weeks within the %d-week exposure period.%n",
                visits, (long) Arrays.stream(observed).sum(), horizonHours, shifts, periodWeeks));
        sb.append(String.format(Locale.ROOT, "  visits triggered by exposures (estimated): %,.0f [%,.0f, %,.0f]%n", triggered, triggeredCi[0], triggeredCi[1]));
        sb.append(String.format(Locale.ROOT, "  delay exposure -> triggered visit: mean %.2f h [%.2f, %.2f], median %.2f h%n", delayMean, delayMeanCi[0], delayMeanCi[1], delayMedian));
        for (int i = 0; i < withinHours.length; i++)
            sb.append(String.format(Locale.ROOT, "  share of all visits attributable within %d h: %.4f [%.4f, %.4f]%n", withinHours[i], share[i][0], share[i][1], share[i][2]));
        sb.append(String.format(Locale.ROOT, "  (%.0f%% percentile bootstrap over %d person groups, %d resamples)%n", 100 * level, groups, replicates));
        return sb.toString();
    }

    static List<Integer> defaultWithin() { return List.of(1, 24, 72); }
}
