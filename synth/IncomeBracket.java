package synth;

/**
 * Household income bracket. Labels are comma-free so people.csv needs no quoting:
 * {@code lt25k} (&lt;25k, the reference level), {@code 25to50k}, {@code 50to100k}, {@code 100to150k},
 * {@code 150kplus} (150k+).
 */
public enum IncomeBracket {
    LT25K("lt25k"), K25_50("25to50k"), K50_100("50to100k"), K100_150("100to150k"), K150_PLUS("150kplus");

    private final String label;

    IncomeBracket(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
