package model;

import java.util.List;

/** Held-out fit of the carded model: k-fold cross-validation means, their spread, and the mean-only baseline. */
public record CardCv(int k, long seed, double rmse, double mae, double r2, double poissonDeviance, double devianceSe,
                     double baselineRmse, double baselineDeviance, List<Double> foldDeviance) {
    public CardCv {
        foldDeviance = List.copyOf(foldDeviance);
    }
}
