package stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The one wording of "the design is rank deficient" for every factorisation (Householder QR in
 * {@link LeastSquares}, Cholesky of X'WX in {@link Irls}): which columns are aliased and, where the
 * factorisation can tell, of which earlier columns each is a combination. Nothing is dropped silently.
 */
final class RankDeficiency {
    private RankDeficiency() {}

    /**
     * Throws {@link RankDeficientException} when any {@code aliased[j]}; {@code combinationOf.apply(j)}
     * names the earlier columns column j is a combination of (empty: zero; null: not known).
     */
    static void check(List<String> names, boolean[] aliased, IntFunction<List<String>> combinationOf) {
        List<String> bad = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (int j = 0; j < aliased.length; j++) {
            if (!aliased[j]) continue;
            bad.add(names.get(j));
            List<String> parts = combinationOf.apply(j);
            if (why.length() > 0) why.append("; ");
            why.append("'").append(names.get(j)).append("' is ")
                    .append(parts == null ? "a linear combination of earlier columns"
                            : parts.isEmpty() ? "zero" : "a linear combination of " + LeastSquares.quote(parts));
        }
        if (!bad.isEmpty()) {
            throw new RankDeficientException(bad, "design matrix is rank deficient (" + (aliased.length - bad.size()) + " of " + aliased.length
                    + " columns independent): " + why + ". Remove or recode the aliased column(s); nothing was dropped silently");
        }
    }
}
