package model;

/**
 * A numeric input column entering the model as {@code (x - center) / scale}, under the design-column name
 * {@code name}. {@code NumericTerm.of("age", 45, 10, "age10")} reproduces the generator's
 * {@code age10 = (age - 45) / 10}; {@code NumericTerm.raw("age")} keeps the natural units.
 *
 * @param column input column in people.csv
 * @param center subtracted first (natural units)
 * @param scale  then divided by (must be finite and non-zero)
 * @param name   design-column name (the coefficient name); defaults to the column name
 */
public record NumericTerm(String column, double center, double scale, String name) {
    public NumericTerm {
        if (column == null || column.isBlank()) throw new IllegalArgumentException("a numeric term needs a column name");
        if (!(Double.isFinite(center))) throw new IllegalArgumentException("numeric term '" + column + "': center must be finite, got " + center);
        if (!(Double.isFinite(scale) && scale != 0)) throw new IllegalArgumentException("numeric term '" + column + "': scale must be finite and non-zero, got " + scale);
        if (name == null || name.isBlank()) name = column;
    }

    public static NumericTerm raw(String column) { return new NumericTerm(column, 0, 1, column); }

    public static NumericTerm of(String column, double center, double scale, String name) {
        return new NumericTerm(column, center, scale, name);
    }

    /** The transform in words, e.g. {@code age10 = (age - 45) / 10}. */
    public String formula() {
        if (center == 0 && scale == 1) return name.equals(column) ? column : name + " = " + column;
        String minus = column + " - " + ExposureSpec.num(center);
        if (scale == 1) return name + " = " + (center == 0 ? column : minus);
        return name + " = " + (center == 0 ? column : "(" + minus + ")") + " / " + ExposureSpec.num(scale);
    }

    double apply(double x) { return (x - center) / scale; }

    /** Back to natural units. */
    double invert(double z) { return z * scale + center; }
}
