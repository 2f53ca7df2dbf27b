package model;

/**
 * A categorical input column entering the model one-hot, with {@code reference} left out (its effect is
 * in the intercept). A null reference means "the most frequent level in the training rows" (stats.Design's
 * rule; ties go to the first in sorted order).
 */
public record CategoricalTerm(String column, String reference) {
    public CategoricalTerm {
        if (column == null || column.isBlank()) throw new IllegalArgumentException("a categorical term needs a column name");
        if (reference != null && reference.isBlank()) reference = null;
    }

    public static CategoricalTerm of(String column) { return new CategoricalTerm(column, null); }

    public static CategoricalTerm of(String column, String reference) { return new CategoricalTerm(column, reference); }
}
