package stats;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which covariance of the coefficients a fit reports (its SEs, tests and intervals follow it), as
 * statsmodels' {@code fit(cov_type=...)}:
 * <ul>
 * <li>{@code nonrobust}: the model's own information: sigma^2 (X'X)^-1 for OLS; the expected (Fisher)
 *     information (X'WX)^-1 for the GLMs, as R's {@code glm} and {@code MASS::glm.nb};</li>
 * <li>{@code observed}: the observed information (negative Hessian). For NB2 over (beta, alpha) jointly,
 *     as statsmodels' discrete {@code NegativeBinomial}; for OLS and Poisson (canonical link) it equals
 *     {@code nonrobust};</li>
 * <li>{@code HC0}..{@code HC3}: heteroskedasticity-robust sandwiches B M B with meat
 *     sum u_i^2 w_i x_i x_i', u_i the score residual (OLS: e_i; log-link GLM: (y_i - mu_i)/(1 + alpha mu_i)),
 *     w_i = 1 (HC0), n/(n-p) (HC1), 1/(1-h_i) (HC2), 1/(1-h_i)^2 (HC3), h_i the leverage (GLM:
 *     w_i x_i'(X'WX)^-1 x_i, as R's {@code sandwich::vcovHC});</li>
 * <li>{@code cluster:<column>}: scores summed within clusters, times G/(G-1) (n-1)/(n-p) (statsmodels'
 *     and Stata's correction).</li>
 * </ul>
 * Robust and cluster tables use the normal distribution (statsmodels' default {@code use_t=False});
 * nonrobust OLS uses t.
 *
 * @param kind   the estimator
 * @param column cluster column (CLUSTER only), else null
 * @param groups cluster index of every fitted row (CLUSTER only, once resolved with {@link #withGroups})
 * @param groupCount number of distinct clusters
 * @param missing    rows without a cluster label: together they form one cluster, {@code (missing)}
 */
public record CovarianceType(Kind kind, String column, int[] groups, int groupCount, int missing) {
    public enum Kind { NONROBUST, OBSERVED, HC0, HC1, HC2, HC3, CLUSTER }

    public static final CovarianceType NONROBUST = new CovarianceType(Kind.NONROBUST, null, null, 0, 0);
    public static final CovarianceType OBSERVED = new CovarianceType(Kind.OBSERVED, null, null, 0, 0);
    public static final CovarianceType HC0 = new CovarianceType(Kind.HC0, null, null, 0, 0);
    public static final CovarianceType HC1 = new CovarianceType(Kind.HC1, null, null, 0, 0);
    public static final CovarianceType HC2 = new CovarianceType(Kind.HC2, null, null, 0, 0);
    public static final CovarianceType HC3 = new CovarianceType(Kind.HC3, null, null, 0, 0);

    public CovarianceType {
        if (kind == null) throw new IllegalArgumentException("covariance kind must not be null");
        if (kind == Kind.CLUSTER && (column == null || column.isBlank())) throw new IllegalArgumentException("cluster covariance needs a column: cluster:<column>");
    }

    /** Parses {@code nonrobust}, {@code observed}, {@code HC0}..{@code HC3} or {@code cluster:<column>} (case-insensitive kind). */
    public static CovarianceType parse(String s) {
        if (s == null || s.isBlank()) return NONROBUST;
        String t = s.strip();
        int colon = t.indexOf(':');
        String head = (colon < 0 ? t : t.substring(0, colon)).toUpperCase(Locale.ROOT);
        if (head.equals("CLUSTER")) {
            if (colon < 0 || t.substring(colon + 1).isBlank()) throw new IllegalArgumentException("covariance '" + s + "': cluster needs a column, e.g. cluster:household");
            return cluster(t.substring(colon + 1).strip());
        }
        if (colon >= 0) throw new IllegalArgumentException("covariance '" + s
                + "': only cluster takes a column; expected nonrobust, observed, HC0, HC1, HC2, HC3 or cluster:<column>");
        try {
            Kind k = Kind.valueOf(head);
            return new CovarianceType(k, null, null, 0, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown covariance '" + s + "'; expected nonrobust, observed, HC0, HC1, HC2, HC3 or cluster:<column>");
        }
    }

    /** Cluster-robust by {@code column}; resolve the groups with {@link #withGroups} before fitting. */
    public static CovarianceType cluster(String column) {
        return new CovarianceType(Kind.CLUSTER, column, null, 0, 0);
    }

    /**
     * This cluster type with each fitted row's cluster label. Rows without a label (null or empty) form one
     * cluster together, counted in {@link #missing()} and stated in the fit's notes: dropping them would
     * change the fit, and an unknown household is no reason to refuse the robust SEs.
     */
    public CovarianceType withGroups(String[] labels) {
        if (kind != Kind.CLUSTER) return this;
        Map<String, Integer> ids = new HashMap<>();
        int[] g = new int[labels.length];
        int none = 0;
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            if (l == null || l.isEmpty()) {
                none++;
                l = "\u0000(missing)"; // cannot collide with a real label
            }
            g[i] = ids.computeIfAbsent(l, k -> ids.size());
        }
        return new CovarianceType(kind, column, g, ids.size(), none);
    }

    /** The note a cluster fit with p coefficients prints. */
    String clusterNote(int p) {
        return "Cluster-robust by '" + column + "': " + groupCount + " clusters" + (missing > 0 ? " (" + missing + " rows without a value form one cluster, '(missing)')" : "")
                + ", correction G/(G-1) (n-1)/(n-p)."
                + (groupCount < 30 ? " Few clusters: cluster-robust SEs are unreliable below about 30-50 clusters." : "")
                + (groupCount - 1 < p ? " The covariance has rank at most G-1 = " + (groupCount - 1) + " < " + p + " coefficients, so joint tests of more than "
                + (groupCount - 1) + " coefficients are not available (NaN)." : "");
    }

    /** This cluster type with cluster indices 0..G-1 per fitted row. */
    public CovarianceType withGroups(int[] groupIndex) {
        if (kind != Kind.CLUSTER) return this;
        String[] s = new String[groupIndex.length];
        for (int i = 0; i < s.length; i++) s[i] = Integer.toString(groupIndex[i]);
        return withGroups(s);
    }

    public boolean robust() { return kind != Kind.NONROBUST && kind != Kind.OBSERVED; }

    /** The groups of rows {@code idx} (for refits on a subset, e.g. dropping a term keeps the rows). */
    int[] requireGroups(int n) {
        if (groups == null) throw new IllegalArgumentException("cluster covariance by '" + column + "' needs the cluster of every row (CovarianceType.withGroups)");
        if (groups.length != n) throw new IllegalArgumentException("cluster covariance by '" + column + "': " + groups.length + " cluster labels for " + n + " rows");
        if (groupCount < 2) throw new IllegalArgumentException("cluster covariance by '" + column + "' needs at least 2 clusters, got " + groupCount);
        return groups;
    }

    /** As written: {@code nonrobust}, {@code HC3}, {@code cluster:household}. */
    public String label() {
        return switch (kind) {
            case NONROBUST -> "nonrobust";
            case OBSERVED -> "observed";
            case CLUSTER -> "cluster:" + column;
            default -> kind.name();
        };
    }

    /** The rows' group labels are not part of equality (a type is its kind and column). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CovarianceType c && c.kind == kind && java.util.Objects.equals(c.column, column);
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(kind, column); }

    @Override
    public String toString() { return label(); }
}
