package stats;

/**
 * A running sum kept as an unevaluated pair hi + lo (double-double), the one place the project spells out
 * TwoSum (Knuth) and the FMA product error. Used where a plain double sum loses digits that the NIST StRD
 * checks need: means, sums of squares, residuals and gradients of the least-squares refinement.
 * Mutable and not thread-safe by design (one per loop, one per column task); cheap enough for inner loops.
 */
final class DoubleDouble {
    private double hi, lo;

    /** The rounding error of s = a + b, with s computed by the caller (TwoSum: a + b = s + err exactly). */
    static double twoSumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /** Adds x. */
    void add(double x) {
        double s = hi + x;
        lo += twoSumError(hi, x, s);
        hi = s;
    }

    /** Adds an already split term: {@code head} exactly through TwoSum, {@code tail} (small) into the low part. */
    void add(double head, double tail) {
        double s = hi + head;
        lo += twoSumError(hi, head, s) + tail;
        hi = s;
    }

    /** Adds a * b, with the product's rounding error recovered by FMA. */
    void addProduct(double a, double b) {
        double pr = a * b;
        add(pr, Math.fma(a, b, -pr));
    }

    /** The sum rounded to double. */
    double value() {
        return hi + lo;
    }

    /** Mean of v, summed in double-double. */
    static double mean(double[] v) {
        DoubleDouble s = new DoubleDouble();
        for (double x : v) s.add(x);
        return s.value() / v.length;
    }
}
