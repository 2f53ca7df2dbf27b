package model;

import report.TextTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Population stability of every model input and of the predictions, new data vs the training data in the
 * {@link ModelCard}. Thresholds (stated, the usual credit-scoring ones): PSI &lt; 0.1 stable, 0.1-0.25
 * moderate shift (investigate), &gt; 0.25 significant shift (the model is scoring a population it was not
 * trained on: re-validate or retrain).
 */
public record DriftReport(List<DriftRow> features, DriftRow predictions) {
    public DriftReport {
        features = List.copyOf(features);
    }

    public DriftRow feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no drift row for '" + name + "'; have " + features.stream().map(DriftRow::name).toList()));
    }

    /** Rows (features, then predictions) at MODERATE or SIGNIFICANT. */
    public List<DriftRow> flagged() {
        List<DriftRow> out = new ArrayList<>();
        for (DriftRow r : all()) if (r.level() != DriftRow.Level.STABLE) out.add(r);
        return out;
    }

    public List<DriftRow> all() {
        List<DriftRow> out = new ArrayList<>(features);
        out.add(predictions);
        return out;
    }

    public TextTable table() {
        TextTable.Builder b = TextTable.builder("Drift vs training (PSI: < 0.1 stable, 0.1-0.25 moderate, > 0.25 significant)",
                "variable", "PSI", "level", "largest shift in bucket", "training share", "new share");
        for (DriftRow r : all()) {
            b.row(r.name(), String.format(Locale.ROOT, "%.4f", r.psi()), r.level().name().toLowerCase(Locale.ROOT), r.bucket(),
                    PredictionDistribution.pct(r.expectedShare()), PredictionDistribution.pct(r.actualShare()));
        }
        return b.build();
    }
}
