package impute;

import java.util.ArrayList;
import java.util.List;

/**
 * k-nearest-neighbour imputation against a donor pool ({@link Donors}).
 *
 * <p>Distance (scikit-learn's nan-euclidean, extended to categorical columns): over the imputer's columns
 * where both rows have a value, sum (z_a - z_b)^2 for numeric columns (z = value standardised with the training
 * mean and SD) and 1 for every categorical mismatch; multiply by (columns / columns used) and take the square
 * root. Rows sharing no coordinate are never neighbours. The query's own missing columns never count, so one
 * distance per (row, donor) serves every missing cell of the row; the donors for a cell are the k nearest
 * donors whose value there is present (ties: the earlier donor). With no usable donor the cell gets the
 * column's mean / mode.
 *
 * <p>Cost: (rows with a missing KNN cell) x (donors) x (columns), linear in the rows: the donor pool is a seeded
 * sample of at most {@link ImputeOptions#donors()} training rows (the approximation that replaces scikit-learn's
 * search over every training row, which is quadratic).
 */
final class Knn {
    private Knn() {}

    static Donors donors(Frame f, List<ColumnImputer> cols, ImputeOptions o) {
        int[] pick = Draws.sample(f.n, o.donors(), o.seed(), 7);
        if (o.stochastic()) {
            // a bootstrap of the pool makes each stochastic imputer's donors differ (between-imputation variance)
            int[] b = Draws.bootstrap(pick.length, o.seed(), 8);
            int[] p2 = new int[pick.length];
            for (int i = 0; i < b.length; i++) p2[i] = pick[b[i]];
            pick = p2;
        }
        List<List<Double>> values = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            ColumnImputer ci = cols.get(c);
            List<Double> v = new ArrayList<>(pick.length);
            for (int i : pick) {
                if (f.absent(c, i)) v.add(null);
                else v.add(ci.categorical() ? (double) f.code[c][i] : (f.num[c][i] - ci.mean()) / ci.sd());
            }
            values.add(v);
        }
        return new Donors(pick.length, values);
    }

    /**
     * Fills the missing cells of the KNN columns {@code targets} in {@code outNum} / {@code outCode} (copies of the
     * frame's columns), rows split into fixed chunks run on {@code threads} threads (each cell is written by exactly
     * one task, so the result does not depend on the thread count).
     */
    static void impute(Frame f, List<ColumnImputer> cols, Donors donors, int[] targets, ImputeOptions o,
                       double[][] outNum, int[][] outCode) {
        if (targets.length == 0) return;
        double[][] d = donors.matrix();
        int p = cols.size();
        boolean[] cat = new boolean[p];
        for (int c = 0; c < p; c++) cat[c] = cols.get(c).categorical();
        Parallel.forChunks(f.n, 2048, o.threads(), (from, to) -> {
            int dn = donors.size();
            double[] dist = new double[dn];
            int[] used = new int[dn];
            double[] q = new double[p];
            int[] bestIdx = new int[o.k()];
            double[] bestD = new double[o.k()];
            for (int i = from; i < to; i++) {
                boolean any = false;
                for (int t : targets) if (f.missing(t, i)) { any = true; break; }
                if (!any) continue;
                for (int c = 0; c < p; c++) {
                    if (f.absent(c, i)) q[c] = Double.NaN;
                    else q[c] = cols.get(c).categorical() ? f.code[c][i] : (f.num[c][i] - cols.get(c).mean()) / cols.get(c).sd();
                }
                // column by column over all donors: tight loops the JIT vectorises
                java.util.Arrays.fill(dist, 0);
                java.util.Arrays.fill(used, 0);
                for (int c = 0; c < p; c++) {
                    double a = q[c];
                    if (a != a) continue;
                    double[] dc = d[c];
                    if (cat[c]) {
                        for (int j = 0; j < dn; j++) {
                            double b = dc[j];
                            if (b == b) {
                                used[j]++;
                                if (a != b) dist[j] += 1;
                            }
                        }
                    } else {
                        for (int j = 0; j < dn; j++) {
                            double b = dc[j];
                            if (b == b) {
                                used[j]++;
                                double e = a - b;
                                dist[j] += e * e;
                            }
                        }
                    }
                }
                for (int j = 0; j < dn; j++) dist[j] = used[j] == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(dist[j] * p / used[j]);
                for (int t : targets) {
                    if (!f.missing(t, i)) continue;
                    int found = 0;
                    double[] dt = d[t];
                    for (int j = 0; j < dn; j++) {
                        double dj = dist[j];
                        if (dj == Double.POSITIVE_INFINITY || dt[j] != dt[j]) continue;
                        if (found < bestD.length) {
                            int pos = found++;
                            while (pos > 0 && bestD[pos - 1] > dj) { bestD[pos] = bestD[pos - 1]; bestIdx[pos] = bestIdx[pos - 1]; pos--; }
                            bestD[pos] = dj;
                            bestIdx[pos] = j;
                        } else if (dj < bestD[found - 1]) {
                            int pos = found - 1;
                            while (pos > 0 && bestD[pos - 1] > dj) { bestD[pos] = bestD[pos - 1]; bestIdx[pos] = bestIdx[pos - 1]; pos--; }
                            bestD[pos] = dj;
                            bestIdx[pos] = j;
                        }
                    }
                    ColumnImputer ct = cols.get(t);
                    if (found == 0) {
                        if (ct.categorical()) outCode[t][i] = Frame.simpleLevel(ct);
                        else outNum[t][i] = ct.mean();
                        continue;
                    }
                    double[] w = weights(bestD, found, o.weights());
                    if (o.stochastic()) {
                        double u = Draws.uniform(o.seed(), i, t, 3), total = 0, c = 0;
                        for (int m = 0; m < found; m++) total += w[m];
                        int pick = found - 1;
                        for (int m = 0; m < found; m++) {
                            c += w[m] / total;
                            if (u < c) { pick = m; break; }
                        }
                        double v = dt[bestIdx[pick]];
                        if (ct.categorical()) outCode[t][i] = (int) v;
                        else outNum[t][i] = v * ct.sd() + ct.mean();
                    } else if (ct.categorical()) {
                        double[] votes = new double[ct.levels().size()];
                        for (int m = 0; m < found; m++) votes[(int) dt[bestIdx[m]]] += w[m];
                        int best = 0;
                        for (int l = 1; l < votes.length; l++) if (votes[l] > votes[best]) best = l;
                        outCode[t][i] = best;
                    } else {
                        double sw = 0, sv = 0;
                        for (int m = 0; m < found; m++) {
                            sw += w[m];
                            sv += w[m] * dt[bestIdx[m]];
                        }
                        outNum[t][i] = (sv / sw) * ct.sd() + ct.mean();
                    }
                }
            }
        });
    }

    private static double[] weights(double[] bestD, int found, Weights kind) {
        double[] w = new double[found];
        if (kind == Weights.UNIFORM) {
            java.util.Arrays.fill(w, 1);
            return w;
        }
        boolean zero = false;
        for (int m = 0; m < found; m++) if (bestD[m] == 0) zero = true;
        for (int m = 0; m < found; m++) w[m] = zero ? (bestD[m] == 0 ? 1 : 0) : 1 / bestD[m];
        return w;
    }
}
