package impute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Fits the donors and models of a {@link FittedImputer}, and replays them on new rows. */
final class Fitting {
    private Fitting() {}

    static FittedImputer fit(Frame f, List<ColumnImputer> prelim, ImputeOptions o) {
        List<ColumnImputer> cols = new ArrayList<>(prelim);
        int p = cols.size();
        List<Integer> knn = new ArrayList<>(), reg = new ArrayList<>(), iter = new ArrayList<>();
        for (int c = 0; c < p; c++) {
            switch (cols.get(c).strategy()) {
                case KNN -> knn.add(c);
                case REGRESSION -> reg.add(c);
                case ITERATIVE -> iter.add(c);
                default -> { }
            }
        }
        Donors donors = knn.isEmpty() ? null : Knn.donors(f, cols, o);
        if (!reg.isEmpty()) {
            Frame w = f.simpleFilled(cols);
            for (int t : reg) cols.set(t, with(cols.get(t), fitModel(f, w, cols, t, o, 0, null)));
        }
        List<String> order = new ArrayList<>();
        int rounds = 0;
        if (!iter.isEmpty()) {
            // fewest missing first, as scikit-learn's IterativeImputer(imputation_order="ascending")
            List<Integer> ord = new ArrayList<>(), complete = new ArrayList<>();
            for (int c : iter) (cols.get(c).missingAtFit() > 0 ? ord : complete).add(c);
            ord.sort(Comparator.comparingInt((Integer c) -> cols.get(c).missingAtFit()).thenComparingInt(c -> c));
            Frame w = f.simpleFilled(cols);
            for (int round = 1; round <= o.maxRounds(); round++) {
                double numChange = 0, levelChange = 0;
                for (int t : ord) {
                    PredictionModel prev = cols.get(t).model();
                    PredictionModel m = fitModel(f, w, cols, t, o, round, prev == null ? null : prev.matrix());
                    cols.set(t, with(cols.get(t), m));
                    double ch = predictMissing(f, w, cols, t, m, o, round);
                    if (cols.get(t).categorical()) levelChange = Math.max(levelChange, ch);
                    else numChange = Math.max(numChange, ch);
                }
                rounds = round;
                if (numChange < o.tolerance() && levelChange < o.tolerance()) break;
            }
            // columns complete in the training rows have nothing to iterate on: one model each on the completed
            // rows, so new rows with a missing cell there are still filled (last in the replay order)
            for (int t : complete) cols.set(t, with(cols.get(t), fitModel(f, w, cols, t, o, rounds + 1, null)));
            if (rounds == 0) rounds = 1;
            for (int c : ord) order.add(cols.get(c).name());
            for (int c : complete) order.add(cols.get(c).name());
        }
        return new FittedImputer(cols, donors, order, rounds, o);
    }

    private static ColumnImputer with(ColumnImputer c, PredictionModel m) {
        return new ColumnImputer(c.name(), c.categorical(), c.strategy(), c.mean(), c.sd(), c.fill(), c.fillLevel(), c.levels(), c.missingAtFit(), m);
    }

    /** The model of column t, fitted on (a seeded sample of) the rows where t is observed, features from {@code w}. */
    static PredictionModel fitModel(Frame raw, Frame w, List<ColumnImputer> cols, int t, ImputeOptions o, int round, double[][] warm) {
        int[] obs = new int[raw.n];
        int k = 0;
        for (int i = 0; i < raw.n; i++) if (!raw.absent(t, i)) obs[k++] = i;
        int[] pick = Draws.sample(k, o.fitRows(), o.seed(), 100L * t + 11);
        int[] rows = new int[pick.length];
        for (int i = 0; i < pick.length; i++) rows[i] = obs[pick[i]];
        if (o.stochastic()) {
            // the bootstrap resample stands in for a draw of the model's parameters (a "proper" imputation)
            int[] b = Draws.bootstrap(rows.length, o.seed(), 1000L * round + t + 13);
            int[] r2 = new int[rows.length];
            for (int i = 0; i < b.length; i++) r2[i] = rows[b[i]];
            rows = r2;
        }
        return cols.get(t).categorical() ? Models.fitMultinomial(w, cols, t, rows, warm) : Models.fitLinear(w, cols, t, rows);
    }

    /**
     * Writes predictions for the missing cells of column t into {@code w} and returns the largest change: in
     * training SDs for a numeric column, the share of changed levels for a categorical one.
     */
    static double predictMissing(Frame raw, Frame w, List<ColumnImputer> cols, int t, PredictionModel m, ImputeOptions o, int round) {
        ColumnImputer ct = cols.get(t);
        double[][] b = m.matrix();
        int chunk = 4096, chunks = (raw.n + chunk - 1) / chunk;
        double[] change = new double[chunks];
        int[] missing = new int[chunks];
        Parallel.forChunks(raw.n, chunk, o.threads(), (from, to) -> {
            double[] x = new double[m.terms().size()];
            double[] scratch = new double[Math.max(1, b.length)];
            double ch = 0;
            int cnt = 0;
            for (int i = from; i < to; i++) {
                if (!raw.missing(t, i)) continue;
                cnt++;
                Models.row(x, w, cols, t, i);
                if (ct.categorical()) {
                    double u = o.stochastic() ? Draws.uniform(o.seed(), i, t, 1000L + round) : Double.NaN;
                    int lv = Models.level(b, x, scratch, u);
                    if (lv != w.code[t][i]) ch++;
                    w.code[t][i] = lv;
                } else {
                    double v = Models.dot(b[0], x);
                    if (o.stochastic()) v += m.sigma() * Draws.gaussian(o.seed(), i, t, round);
                    ch = Math.max(ch, Math.abs(v - w.num[t][i]) / ct.sd());
                    w.num[t][i] = v;
                }
            }
            change[from / chunk] = ch;
            missing[from / chunk] = cnt;
        });
        if (ct.categorical()) {
            double changed = 0, total = 0;
            for (int c = 0; c < chunks; c++) {
                changed += change[c];
                total += missing[c];
            }
            return total == 0 ? 0 : changed / total;
        }
        double max = 0;
        for (double c : change) max = Math.max(max, c);
        return max;
    }
}
