package impute;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an {@link Imputer} fills one column. Statistics and models are fitted on the training rows only and
 * kept in the {@link FittedImputer}, so new rows are filled exactly the same way (no leakage in CV).
 */
public enum Strategy {
    /** Leave the column as it is; it still serves as a feature for the multivariate strategies. */
    KEEP,
    /** Drop the rows with a missing value here (listwise deletion, at fit and at apply time). */
    DROP,
    /** A value given by the caller ({@link Imputer#constant}). */
    CONSTANT,
    /** Numeric: the training mean. */
    MEAN,
    /** Numeric: the training median. */
    MEDIAN,
    /** The most frequent training value or level (ties: the smallest value / the first level in sorted order). */
    MODE,
    /** Numeric: the training mean plus a 0/1 column {@code <col>_missing}; categorical: a level {@code (missing)}. */
    INDICATOR,
    /**
     * k nearest neighbours among a seeded sample of training rows (the donors), by the nan-euclidean distance
     * of {@link Knn}: numeric features standardised, a categorical mismatch counts 1, coordinates missing in
     * either row are skipped and the sum is scaled up by (features / coordinates used). Numeric: the (weighted)
     * mean of the donors' values; categorical: the (weighted) most frequent level.
     */
    KNN,
    /**
     * One regression on the other columns (their missing cells mean/mode filled): linear least squares for a
     * numeric column, logistic (2 levels) or multinomial logistic regression for a categorical one.
     */
    REGRESSION,
    /**
     * Chained equations (MICE / scikit-learn's IterativeImputer): start from mean/mode, then regress each
     * column on the current values of all the others in turn, round after round until the imputed values
     * stop changing (or a round limit). Seeded.
     */
    ITERATIVE;

    public String cli() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Multivariate: uses the other columns. */
    public boolean multivariate() {
        return this == KNN || this == REGRESSION || this == ITERATIVE;
    }

    /** Parses a strategy name (case-insensitive; {@code mice} and {@code chained} mean ITERATIVE). */
    public static Strategy parse(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        if (k.equals("mice") || k.equals("chained")) return ITERATIVE;
        for (Strategy v : values()) if (v.cli().equals(k)) return v;
        throw new IllegalArgumentException("unknown imputation strategy '" + s + "'; expected one of " + choices());
    }

    public static String choices() {
        return Arrays.stream(values()).map(Strategy::cli).collect(Collectors.joining("|"));
    }
}
