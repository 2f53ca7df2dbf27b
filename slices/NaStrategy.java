package slices;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What to do with missing predictor values ({@code NA} or empty cells) inside a slice: the command-line face of
 * {@link stats.Missing} (applied by {@link SliceDesign} through {@link stats.Design}).
 *
 * <p>Rows whose response ({@code --y}) or slice key ({@code --by}) is missing are always dropped: imputing the
 * response would invent the very values being modelled. For the predictors:
 * <ul>
 *   <li>{@code DROP}: listwise deletion, a row with any missing predictor is not used;</li>
 *   <li>{@code MEAN}, {@code MEDIAN}, {@code MODE}: a missing predictor value is replaced by that predictor's
 *       mean / median / most frequent value <em>computed over the same slice</em> (ties in the mode: the smallest
 *       value). Per-slice statistics keep every slice's model a function of that slice's rows only, so a
 *       one-slice task (Nextflow) gives exactly what the whole-file run gives.</li>
 *   <li>{@code KNN}: the mean of the 5 nearest rows of the same slice (nan-euclidean distance over the other
 *       standardised predictors, {@link impute.Strategy#KNN});</li>
 *   <li>{@code REGRESSION}: a linear regression of the predictor on the other predictors, fitted on the slice;</li>
 *   <li>{@code MICE}: multiple imputation by chained equations ({@link #MICE_IMPUTATIONS} imputations, seeded, with
 *       the response in the imputation model as it should be), one OLS per completed slice, pooled by Rubin's rules:
 *       the standard errors include the imputation uncertainty.</li>
 * </ul>
 * knn and regression use the predictors only (as {@link stats.Design} does for a model that must also score new
 * rows); every strategy is fitted on the slice's own rows.
 * A predictor that is missing in every row of a slice cannot be imputed: that slice is reported, not fitted.
 */
public enum NaStrategy {
    DROP, MEAN, MEDIAN, MODE, KNN, REGRESSION, MICE;

    /** Imputations per slice for {@link #MICE}. */
    public static final int MICE_IMPUTATIONS = 20;

    public String cli() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NaStrategy parse(String s) {
        for (NaStrategy v : values()) if (v.cli().equals(s.toLowerCase(Locale.ROOT))) return v;
        throw new UsageError("--na must be one of " + simple() + ", not '" + s + "' (multivariate: knn|regression|mice)");
    }

    public static String choices() {
        return Arrays.stream(values()).map(NaStrategy::cli).collect(Collectors.joining("|"));
    }

    private static String simple() {
        return Arrays.stream(values()).limit(4).map(NaStrategy::cli).collect(Collectors.joining("|"));
    }
}
