package impute;

import java.util.List;

/**
 * How one column is filled; part of a {@link FittedImputer}. Plain fields only (Jackson round-trips it).
 *
 * @param name         column name
 * @param categorical  true: levels (text); false: numbers
 * @param strategy     the strategy
 * @param mean         numeric: training mean of the observed values (also the fallback fill of the multivariate strategies)
 * @param sd           numeric: training sample SD (1 when constant or a single value); features are standardised with it
 * @param fill         numeric: the value used by MEAN, MEDIAN, MODE, CONSTANT and INDICATOR (and as a fallback)
 * @param fillLevel    categorical: the level used by MODE and CONSTANT (the training mode otherwise: the fallback)
 * @param levels       categorical: the training levels in sorted order (empty for numeric)
 * @param missingAtFit missing cells in the training rows
 * @param model        REGRESSION / ITERATIVE: the fitted model (null otherwise)
 */
public record ColumnImputer(String name, boolean categorical, Strategy strategy, double mean, double sd, double fill,
                            String fillLevel, List<String> levels, int missingAtFit, PredictionModel model) {
    public static final String MISSING_LEVEL = "(missing)";

    public ColumnImputer {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /** Name of the 0/1 column a numeric INDICATOR column adds. */
    public String indicatorName() {
        return name + "_missing";
    }

    String describe() {
        String what = switch (strategy) {
            case KEEP -> "kept as is (feature only)";
            case DROP -> "rows dropped";
            case CONSTANT, MEAN, MEDIAN, MODE -> categorical ? "'" + fillLevel + "'" : Double.toString(fill);
            case INDICATOR -> categorical ? "level " + MISSING_LEVEL : fill + " + " + indicatorName();
            case KNN -> "k nearest donors";
            case REGRESSION, ITERATIVE -> model == null ? "model" : (categorical ? (levels.size() == 2 ? "logistic" : "multinomial logistic") : "linear")
                    + " on " + model.terms().size() + " terms, n=" + model.n();
        };
        return what;
    }
}
