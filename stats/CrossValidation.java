package stats;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Seeded k-fold cross-validation, in two named families. Rows are shuffled once with
 * {@code new SplittableRandom(seed)} (Fisher-Yates) and cut into k contiguous folds of near-equal size; the
 * same seed gives the same folds for every model, so results are comparable across models. Each fold's model
 * is fitted on the other k-1 folds; the baseline predicts the training folds' mean. Held-out rows are data to
 * predict, never to fit: a held-out fold may have fewer rows than the model has coefficients.
 *
 * <p><b>{@code refitting} (leak-free; use these on tables):</b> {@link #refitting(Design, Table, int, long)}
 * takes the unfitted {@link Design} and refits it on each fold's training rows only (levels, reference
 * levels, imputation values, standardisation constants), then encodes the held-out rows with that fold's
 * {@link Encoding} (unseen levels follow the design's {@link UnseenPolicy}: REFERENCE encodes them as the
 * fold's reference level and counts them per fold in {@link CvResult#unseenLevels()}; ERROR fails naming the
 * fold). Folds are defined on the table rows the design keeps ({@link Design#usableRows}: rows with a missing
 * response or a missing value in a DROP column are never in any fold, training or held-out); position i of
 * the folds is the i-th kept row in table order, so the folds are exactly those of the fixed-design API
 * applied to {@code design.fit(table)}. Small data: a training fold whose design is rank deficient (e.g. two
 * rare levels on the same people) is fitted without the aliased columns (their fold coefficients are NaN and
 * a note says so); when some fold's training rows cannot be encoded at all (e.g. a categorical column with a
 * single level there), k is reduced until every fold can be, with a note; k = 2 failing is an error.
 * A {@link WarmStart} from the full-data fits (their linear predictors) makes each fold's IRLS start near its
 * answer: the converged estimates do not depend on the start, so this changes passes, not results, and the
 * held-out rows still never inform the fold's fit (the start only chooses where the iteration begins).
 *
 * <p><b>{@code fixedDesign}:</b> {@link #fixedDesign(double[], double[][], List, boolean, int, long)} and
 * the {@link DesignMatrix} variants take ready-made matrices (e.g. slices) and assume the design is fixed:
 * any encoding statistics in those columns were computed on all rows, held-out folds included, so their
 * out-of-sample metrics are (mildly) optimistic; a rank-deficient training fold is an error naming it.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * Where the folds' fits start: the full-data fits' linear predictors over the full design's rows
     * ({@code full.rows()} order), and the full NB2 theta = 1/alpha. Any field may be null / NaN (cold start).
     */
    public record WarmStart(double[] etaPoisson, double[] etaNegativeBinomial, double thetaNegativeBinomial) {}

    /**
     * Folds run in parallel below this many rows; above, one at a time (each fold's own passes are parallel either
     * way). Most of a fold's work is serial: its design's encoding, the grouping of its rows by covariate pattern,
     * and the IRLS passes over the patterns (32k at 200k people). Measured at 200k people on 2 cores: CV 1.2 s
     * one fold at a time. Above the limit two folds' designs at once would cost memory the 1M-person run lacks.
     */
    static final int PARALLEL_FOLDS_MAX_ROWS = 500_000;

    // ------------------------------------------------------------------ fixed design (named)

    /** Fixed-design CV of one model type on a ready-made matrix; see the class comment. */
    public static CvResult fixedDesign(ModelKind model, DesignMatrix d, int k, long seed) {
        if (d.y() == null) throw new IllegalArgumentException("the design matrix has no response; build it with Design.of(response)");
        return fixedDesign(model, d.y(), d.columns(), d.names(), d.intercept(), k, seed);
    }

    /** Fixed-design CV of OLS, Poisson and NB2 on the same folds. */
    public static List<CvResult> fixedDesign(DesignMatrix d, int k, long seed) {
        if (d.y() == null) throw new IllegalArgumentException("the design matrix has no response; build it with Design.of(response)");
        return fixedDesign(d.y(), d.columns(), d.names(), d.intercept(), k, seed);
    }

    // ------------------------------------------------------------------ old names (kept for callers; same behaviour)

    /** @deprecated use {@link #fixedDesign(ModelKind, DesignMatrix, int, long)} */
    @Deprecated
    public static CvResult run(ModelKind model, DesignMatrix d, int k, long seed) { return fixedDesign(model, d, k, seed); }

    /** @deprecated use {@link #fixedDesign(DesignMatrix, int, long)} */
    @Deprecated
    public static List<CvResult> runAll(DesignMatrix d, int k, long seed) { return fixedDesign(d, k, seed); }

    /** @deprecated use {@link #fixedDesign(double[], double[][], List, boolean, int, long)} */
    @Deprecated
    public static List<CvResult> runAll(double[] y, double[][] columns, List<String> names, boolean intercept, int k, long seed) {
        return fixedDesign(y, columns, names, intercept, k, seed);
    }

    /** @deprecated use {@link #fixedDesign(ModelKind, double[], double[][], List, boolean, int, long)} */
    @Deprecated
    public static CvResult run(ModelKind model, double[] y, double[][] columns, List<String> names, boolean intercept, int k, long seed) {
        return fixedDesign(model, y, columns, names, intercept, k, seed);
    }

    /** @deprecated use {@link #refitting(ModelKind, Design, Table, int, long)} */
    @Deprecated
    public static CvResult run(ModelKind model, Design design, Table table, int k, long seed) { return refitting(model, design, table, k, seed); }

    /** @deprecated use {@link #refitting(Design, Table, int, long)} */
    @Deprecated
    public static List<CvResult> runAll(Design design, Table table, int k, long seed) { return refitting(design, table, k, seed); }

    /** @deprecated use {@link #refitting(Design, Table, DesignMatrix, int, long, WarmStart, int, IntConsumer)} */
    @Deprecated
    public static List<CvResult> runAll(Design design, Table table, DesignMatrix full, int k, long seed) {
        return refitting(design, table, full, k, seed, null, 1, null);
    }

    /**
     * OLS, Poisson and NB2 on the same folds, sharing each fold's copy of the data; the NB2 fit of a fold
     * starts from that fold's Poisson estimate (the converged estimates do not depend on the start).
     */
    public static List<CvResult> fixedDesign(double[] y, double[][] columns, List<String> names, boolean intercept, int k, long seed) {
        Ols.Prepared pr = Ols.prepare(y, columns, names, intercept);
        PoissonGlm.checkCounts(y);
        int n = y.length;
        if (k < 2 || k > n) throw new IllegalArgumentException("k must be between 2 and n=" + n + ", got " + k);
        int[][] folds = folds(n, k, seed);
        ModelKind[] kinds = ModelKind.values();
        List<List<Metrics>> ms = new ArrayList<>();
        List<Metrics> base = new ArrayList<>();
        double[][][] coefs = new double[kinds.length][k][];
        long[] nanos = new long[kinds.length];
        for (int m = 0; m < kinds.length; m++) ms.add(new ArrayList<>());
        for (int f = 0; f < k; f++) {
            int[] test = folds[f];
            int[] train = complement(n, test);
            double[] ytr = Columns.rows(y, train), yte = Columns.rows(y, test);
            double[][] xtr = Columns.rows(pr.x(), train), xte = Columns.rows(pr.x(), test);
            FoldFit ff = fitFold(kinds, ytr, xtr, pr.names(), intercept, yte, xte, f, k, null, null, Double.NaN, false);
            base.add(ff.baseline());
            for (int m = 0; m < kinds.length; m++) {
                coefs[m][f] = ff.coefs()[m];
                ms.get(m).add(ff.metrics()[m]);
                nanos[m] += ff.nanos()[m];
            }
        }
        List<CvResult> out = new ArrayList<>();
        for (int m = 0; m < kinds.length; m++) out.add(new CvResult(kinds[m], k, seed, n, pr.names(), ms.get(m), base, coefs[m], nanos[m] / 1e9));
        return out;
    }

    /** Fixed-design CV of one model type on arrays. */
    public static CvResult fixedDesign(ModelKind model, double[] y, double[][] columns, List<String> names, boolean intercept, int k, long seed) {
        long t0 = System.nanoTime();
        Ols.Prepared pr = Ols.prepare(y, columns, names, intercept);
        int n = y.length;
        if (k < 2 || k > n) throw new IllegalArgumentException("k must be between 2 and n=" + n + ", got " + k);
        int[][] folds = folds(n, k, seed);
        List<Metrics> ms = new ArrayList<>(), base = new ArrayList<>();
        double[][] coefs = new double[k][];
        for (int f = 0; f < k; f++) {
            int[] test = folds[f];
            int[] train = complement(n, test);
            double[] ytr = Columns.rows(y, train), yte = Columns.rows(y, test);
            double[][] xtr = Columns.rows(pr.x(), train);
            double[] b;
            try {
                b = model.coefficients(ytr, xtr, pr.names(), intercept);
            } catch (RankDeficientException e) {
                throw new IllegalArgumentException("fold " + (f + 1) + " of " + k + ": " + e.getMessage(), e);
            }
            xtr = null;
            coefs[f] = b;
            double[] m = model.predict(b, Columns.rows(pr.x(), test));
            double mean = LeastSquares.accurateMean(ytr);
            ms.add(Metrics.of(yte, m, mean));
            double[] bm = new double[test.length];
            java.util.Arrays.fill(bm, mean);
            base.add(Metrics.of(yte, bm, mean));
        }
        return new CvResult(model, k, seed, n, pr.names(), ms, base, coefs, (System.nanoTime() - t0) / 1e9);
    }

    /** Leak-free CV of one model type; see the class comment. */
    public static CvResult refitting(ModelKind model, Design design, Table table, int k, long seed) {
        return refit(new ModelKind[]{model}, design, table, null, k, seed, null, 1, null, new ArrayList<>()).get(0);
    }

    /** Leak-free CV of OLS, Poisson and NB2 on the same folds; see the class comment. */
    public static List<CvResult> refitting(Design design, Table table, int k, long seed) {
        return refit(ModelKind.values(), design, table, null, k, seed, null, 1, null, new ArrayList<>());
    }

    /**
     * As {@link #refitting(Design, Table, int, long)}, reusing {@code full = design.fit(table)} when the caller
     * has it: it supplies the folds' row set ({@code full.rows()}), the parameterisation the per-fold
     * coefficients are reported in ({@link CvResult#coefficients()}, see {@link Align}) and, with {@code warm},
     * where each fold's iterations start; it never influences a fold's encoding or predictions.
     *
     * @param threads  folds run in parallel on small data (results identical for any value)
     * @param foldDone called with the number of folds finished so far (progress), or null
     */
    public static List<CvResult> refitting(Design design, Table table, DesignMatrix full, int k, long seed, WarmStart warm,
                                           int threads, IntConsumer foldDone) {
        return refit(ModelKind.values(), design, table, full, k, seed, warm, threads, foldDone, new ArrayList<>());
    }

    private record FoldOut(FoldFit fit, double[][] fullCoefs, Map<String, Integer> unseen, long encodeNanos, List<String> notes) {}

    /** Thrown when a fold's training rows cannot be encoded; the caller retries with fewer folds. */
    private static final class FoldDesignException extends RuntimeException {
        FoldDesignException(String message, Throwable cause) { super(message, cause); }
    }

    private static List<CvResult> refit(ModelKind[] kinds, Design design, Table table, DesignMatrix full, int k, long seed, WarmStart warm,
                                        int threads, IntConsumer foldDone, List<String> notes) {
        if (design == null || table == null) throw new IllegalArgumentException("design and table must not be null");
        if (design.response() == null) throw new IllegalArgumentException("the design has no response; build it with Design.of(response)");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        DesignMatrix fd = full == null ? design.fit(table) : full;
        int[] usable = fd.rows();
        int n = usable.length;
        if (k < 2 || k > n) throw new IllegalArgumentException("k must be between 2 and n=" + n + ", got " + k);
        boolean intercept = fd.intercept();
        List<String> fullNames = new ArrayList<>();
        if (intercept) fullNames.add(Ols.INTERCEPT);
        fullNames.addAll(fd.names());
        for (ModelKind m : kinds) if (m != ModelKind.OLS) { PoissonGlm.checkCounts(fd.y()); break; }
        int[][] folds = folds(n, k, seed);
        FoldOut[] outs = new FoldOut[k];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntConsumer one = f -> {
            outs[f] = refitFold(kinds, design, table, fd, usable, folds, f, k, intercept, fullNames, warm);
            if (foldDone != null) foldDone.accept(done.incrementAndGet());
        };
        try {
            if (threads > 1 && n < PARALLEL_FOLDS_MAX_ROWS) Bootstrap.run(threads, k, one);
            else for (int f = 0; f < k; f++) one.accept(f);
        } catch (FoldDesignException e) {
            if (k <= 2) throw new IllegalArgumentException(e.getMessage(), e.getCause());
            notes.add(k + " folds were reduced to " + (k - 1) + ": " + e.getMessage());
            return refit(kinds, design, table, fd, k - 1, seed, warm, threads, foldDone, notes);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof FoldDesignException fe) {
                if (k <= 2) throw new IllegalArgumentException(fe.getMessage(), fe.getCause());
                notes.add(k + " folds were reduced to " + (k - 1) + ": " + fe.getMessage());
                return refit(kinds, design, table, fd, k - 1, seed, warm, threads, foldDone, notes);
            }
            if (e.getCause() instanceof IllegalArgumentException iae) throw iae;
            throw e;
        }
        List<List<Metrics>> ms = new ArrayList<>();
        List<Metrics> base = new ArrayList<>();
        List<Map<String, Integer>> unseen = new ArrayList<>();
        List<String> allNotes = new ArrayList<>(notes);
        double[][][] coefs = new double[kinds.length][k][];
        long[] nanos = new long[kinds.length];
        for (int m = 0; m < kinds.length; m++) ms.add(new ArrayList<>());
        for (int f = 0; f < k; f++) {
            FoldOut o = outs[f];
            base.add(o.fit().baseline());
            unseen.add(o.unseen());
            allNotes.addAll(o.notes());
            for (int m = 0; m < kinds.length; m++) {
                coefs[m][f] = o.fullCoefs()[m];
                ms.get(m).add(o.fit().metrics()[m]);
                nanos[m] += o.fit().nanos()[m] + o.encodeNanos() / kinds.length;
            }
        }
        List<CvResult> out = new ArrayList<>();
        for (int m = 0; m < kinds.length; m++) {
            out.add(new CvResult(kinds[m], k, seed, n, fullNames, ms.get(m), base, coefs[m], nanos[m] / 1e9, unseen, allNotes));
        }
        return out;
    }

    private static FoldOut refitFold(ModelKind[] kinds, Design design, Table table, DesignMatrix full, int[] usable, int[][] folds, int f, int k,
                                     boolean intercept, List<String> fullNames, WarmStart warm) {
        long e0 = System.nanoTime();
        int n = usable.length;
        int[] testPos = folds[f], trainPos = complement(n, testPos);
        int[] test = new int[testPos.length], train = new int[trainPos.length];
        for (int i = 0; i < test.length; i++) test[i] = usable[testPos[i]];
        for (int i = 0; i < train.length; i++) train[i] = usable[trainPos[i]];
        DesignMatrix dtr, dte;
        try {
            dtr = design.fit(table, train);
        } catch (IllegalArgumentException e) {
            throw new FoldDesignException("fold " + (f + 1) + " of " + k + ": cannot fit the design on the training rows: " + e.getMessage(), e);
        }
        Encoding enc = dtr.encoding();
        try {
            dte = enc.build(table, test, true, enc.unseen());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fold " + (f + 1) + " of " + k + ": cannot encode the held-out rows: " + e.getMessage(), e);
        }
        if (dtr.n() != train.length || dte.n() != test.length) throw new IllegalStateException("fold " + (f + 1) + ": rows dropped inside a fold");
        Ols.Prepared pr;
        try {
            pr = Ols.prepare(dtr.y(), dtr.columns(), dtr.names(), intercept);
        } catch (IllegalArgumentException e) {
            throw new FoldDesignException("fold " + (f + 1) + " of " + k + ": " + e.getMessage(), e);
        }
        double[][] xte = heldOut(dte, intercept);
        long encodeNanos = System.nanoTime() - e0;
        double[] etaP = warm == null || warm.etaPoisson() == null ? null : Columns.rows(warm.etaPoisson(), trainPos);
        double[] etaNb = warm == null || warm.etaNegativeBinomial() == null ? null : Columns.rows(warm.etaNegativeBinomial(), trainPos);
        double theta = warm == null ? Double.NaN : warm.thetaNegativeBinomial();
        // a rank-deficient training fold (small data) is fitted without its aliased columns, with a note
        List<String> names = new ArrayList<>(pr.names());
        double[][] xtr = pr.x();
        List<String> notes = new ArrayList<>();
        FoldFit ff;
        while (true) {
            try {
                ff = fitFold(kinds, dtr.y(), xtr, names, intercept, dte.y(), xte, f, k, etaP, etaNb, theta, true);
                break;
            } catch (IllegalArgumentException e) {
                if (!(e.getCause() instanceof RankDeficientException rd) || rd.aliased().isEmpty()) throw e;
                List<String> drop = rd.aliased();
                if (drop.contains(Ols.INTERCEPT) || drop.size() >= names.size() - 1) throw e;
                notes.add("fold " + (f + 1) + " of " + k + ": " + LeastSquares.quote(drop)
                        + " left out of that fold's fit (rank deficient in its training rows; its coefficient there is NaN)");
                List<String> keptNames = new ArrayList<>();
                List<double[]> keptTr = new ArrayList<>(), keptTe = new ArrayList<>();
                for (int j = 0; j < names.size(); j++) {
                    if (drop.contains(names.get(j))) continue;
                    keptNames.add(names.get(j));
                    keptTr.add(xtr[j]);
                    keptTe.add(xte[j]);
                }
                names = keptNames;
                xtr = keptTr.toArray(new double[0][]);
                xte = keptTe.toArray(new double[0][]);
            }
        }
        double[][] fullCoefs = new double[kinds.length][];
        for (int m = 0; m < kinds.length; m++) fullCoefs[m] = Align.toFull(enc, names, ff.coefs()[m], full.encoding(), fullNames);
        return new FoldOut(ff, fullCoefs, new LinkedHashMap<>(dte.unseenLevels()), encodeNanos, notes);
    }

    /** Held-out columns (intercept first): data to predict, so no rows-versus-coefficients check. */
    private static double[][] heldOut(DesignMatrix dte, boolean intercept) {
        int n = dte.n();
        double[][] cols = dte.columns();
        double[][] x = new double[cols.length + (intercept ? 1 : 0)][];
        int j = 0;
        if (intercept) {
            x[j] = new double[n];
            Arrays.fill(x[j++], 1.0);
        }
        for (int c = 0; c < cols.length; c++) {
            Ols.checkFinite(cols[c], dte.names().get(c));
            x[j++] = cols[c];
        }
        return x;
    }

    private record FoldFit(double[][] coefs, Metrics[] metrics, Metrics baseline, long[] nanos) {}

    /** Fits every kind on one fold (NB2 starts from the fold's Poisson estimate when both are asked for). */
    private static FoldFit fitFold(ModelKind[] kinds, double[] ytr, double[][] xtr, List<String> names, boolean intercept,
                                   double[] yte, double[][] xte, int f, int k, double[] etaP, double[] etaNb, double thetaNb,
                                   boolean normalEquations) {
        double mean = LeastSquares.accurateMean(ytr);
        double[] bm = new double[yte.length];
        Arrays.fill(bm, mean);
        Metrics base = Metrics.of(yte, bm, mean);
        double[][] coefs = new double[kinds.length][];
        Metrics[] ms = new Metrics[kinds.length];
        long[] nanos = new long[kinds.length];
        double[] poissonBt = null;
        Irls.Basis basis = null;
        for (int m = 0; m < kinds.length; m++) {
            long t0 = System.nanoTime();
            double[] b;
            try {
                b = switch (kinds[m]) {
                    case OLS -> {
                        if (!normalEquations) yield kinds[m].coefficients(ytr, xtr, names, intercept);
                        if (basis == null) basis = new Irls.Basis(xtr, names, intercept);
                        double[] ne = olsFromSufficientStatistics(ytr, basis);
                        yield ne != null ? ne : kinds[m].coefficients(ytr, xtr, names, intercept);
                    }
                    case POISSON -> {
                        if (basis == null) basis = new Irls.Basis(xtr, names, intercept);
                        poissonBt = new double[names.size()];
                        yield etaP != null ? Irls.fitFromEta(ytr, basis, new Irls.Family(0), etaP, poissonBt, Irls.MAX_ITER).beta
                                : Irls.fit(ytr, basis, new Irls.Family(0), null, poissonBt).beta;
                    }
                    case NEGATIVE_BINOMIAL -> {
                        if (etaNb != null && Double.isFinite(thetaNb)) {
                            if (basis == null) basis = new Irls.Basis(xtr, names, intercept);
                            yield NegativeBinomial.coefficientsFromEta(ytr, basis, etaNb, thetaNb);
                        }
                        if (poissonBt == null) yield kinds[m].coefficients(ytr, xtr, names, intercept);
                        yield NegativeBinomial.coefficients(ytr, basis, poissonBt);
                    }
                };
            } catch (RankDeficientException e) {
                throw new IllegalArgumentException("fold " + (f + 1) + " of " + k + ": " + e.getMessage(), e);
            }
            coefs[m] = b;
            ms[m] = Metrics.of(yte, kinds[m].predict(b, xte), mean);
            nanos[m] = System.nanoTime() - t0;
        }
        return new FoldFit(coefs, ms, base, nanos);
    }

    /**
     * OLS of a training fold from its sufficient statistics X'X and X'y (in the centred/scaled basis, where
     * X'X is well conditioned): one pass over the fold instead of a QR factorisation of a copy of it, and the
     * same held-out predictions to ~1e-12. Null when X'X is too ill-conditioned for the normal equations
     * (the caller then uses QR, which also names any aliased column).
     */
    static double[] olsFromSufficientStatistics(double[] y, Irls.Basis basis) {
        double[][] x = basis.x;
        int p = x.length, n = y.length;
        Irls.Grouped gr = basis.grouped(y);   // found here or for the fold's count models: once per fold
        double[][] xtx = gr != null ? gr.gram() : Bootstrap.gram(basis, null);
        double[] xty = new double[p];
        for (int j = 0; j < p && gr != null; j++) {
            double[] xj = gr.xt[j];
            double s0 = 0;
            for (int g = 0; g < xj.length; g++) s0 += xj[g] * gr.sumY[g];
            xty[j] = s0;
        }
        for (int j = 0; j < p && gr == null; j++) {
            double[] xj = x[j];
            double mj = basis.m[j], ij = basis.inv[j], s0 = 0, s1 = 0;
            int i = 0;
            for (; i + 1 < n; i += 2) {
                s0 += (xj[i] - mj) * y[i];
                s1 += (xj[i + 1] - mj) * y[i + 1];
            }
            if (i < n) s0 += (xj[i] - mj) * y[i];
            xty[j] = (s0 + s1) * ij;
        }
        double[][] l;
        try {
            l = Irls.cholesky(xtx, basis.names);
        } catch (RankDeficientException e) {
            return null;
        }
        // a column 1e-8 of whose spread is left after the earlier ones: near-collinear, let QR decide
        for (int j = 0; j < p; j++) if (l[j][j] * l[j][j] < 1e-8 * xtx[j][j]) return null;
        return basis.toOriginal(Irls.cholSolve(l, xty));
    }

    /** Fold membership: folds[f] = sorted row indices of fold f. */
    public static int[][] folds(int n, int k, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[][] out = new int[k][];
        for (int f = 0; f < k; f++) {
            int lo = (int) ((long) f * n / k), hi = (int) ((long) (f + 1) * n / k);
            int[] idx = java.util.Arrays.copyOfRange(perm, lo, hi);
            java.util.Arrays.sort(idx);
            out[f] = idx;
        }
        return out;
    }

    static int[] complement(int n, int[] sortedIdx) {
        int[] out = new int[n - sortedIdx.length];
        int r = 0, t = 0;
        for (int i = 0; i < n; i++) {
            if (t < sortedIdx.length && sortedIdx[t] == i) t++;
            else out[r++] = i;
        }
        return out;
    }
}
