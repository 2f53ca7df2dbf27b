package impute;

/** How the k nearest donors of {@link Strategy#KNN} are weighted (as scikit-learn's KNNImputer). */
public enum Weights {
    /** Every donor counts the same. */
    UNIFORM,
    /** Weight 1 / distance; donors at distance 0 (if any) take all the weight. */
    DISTANCE
}
