package stats;

/** What {@link Encoding#apply} does with a categorical level that was not seen when the encoding was fitted. */
public enum UnseenPolicy {
    /** Encode as the reference level (all dummies 0) and count it in {@link DesignMatrix#unseenLevels()}. The default. */
    REFERENCE,
    /** Fail with an error naming the column, the level, the row and the known levels. */
    ERROR
}
