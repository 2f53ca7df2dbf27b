package impute;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Multiple imputation: m stochastic imputers ({@link ImputeOptions#stochastic()}: models fitted on bootstrap
 * resamples, predictions with noise or drawn levels), m completed tables, one model per table, pooled by
 * {@link Rubin}'s rules. For valid inference the imputation model should include the analysis model's
 * response (do not exclude it), as R's mice does by default.
 *
 * <pre>{@code
 * MiResult mi = MultipleImputation.run(Imputer.of(Strategy.ITERATIVE).exclude("person_id"), people, 20, 1);
 * PooledEstimates pooled = mi.pool(t -> { OlsResult r = Ols.fit(design.fit(t));
 *         return Estimates.of(r.names(), r.coefficients(), r.standardErrors(), r.dfResid()); });
 * System.out.print(pooled.summary());
 * }</pre>
 */
public final class MultipleImputation {
    private MultipleImputation() {}

    /** m completed copies of {@code table}; imputation j uses seed hash(seed, j). */
    public static MiResult run(Imputer spec, Table table, int m, long seed) {
        if (m < 2) throw new IllegalArgumentException("multiple imputation needs m >= 2, got " + m);
        List<FittedImputer> imputers = new ArrayList<>();
        List<Table> done = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            ImputeOptions o = spec.options().withStochastic(true).withSeed(Draws.hash(seed, j, 91, 0));
            FittedImputer f = spec.fit(table, null, o);
            imputers.add(f);
            done.add(f.transform(table));
        }
        return new MiResult(imputers, done);
    }

    /** The m imputers and completed tables. */
    public record MiResult(List<FittedImputer> imputers, List<Table> completed) {
        public MiResult {
            imputers = List.copyOf(imputers);
            completed = List.copyOf(completed);
        }

        public int m() {
            return completed.size();
        }

        /** Fits {@code model} on every completed table and pools the results. */
        public PooledEstimates pool(Function<Table, Estimates> model) {
            List<Estimates> fits = new ArrayList<>();
            for (Table t : completed) fits.add(model.apply(t));
            return Rubin.pool(fits);
        }
    }
}
