package model;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of scoring new people with a stored model ({@link Predictor}).
 *
 * @param source         what was scored (file name or table name)
 * @param ids            person ids, input order
 * @param predictions    predicted exposures per person, input order; NaN where the person could not be scored
 *                       (a missing value in a column whose strategy is DROP)
 * @param scored         people with a prediction
 * @param unscored       people without one
 * @param unseenLevels   per categorical column, the levels never seen in training and how many people had
 *                       each; they were handled by {@code unseenPolicy}
 * @param unseenPolicy   REFERENCE: encoded as the reference level (stated policy); ERROR would have refused
 * @param warnings       what the encoding had to do that it had no provision for (e.g. a missing value in a
 *                       column that had none in training: filled as stated there)
 * @param rejectedRows   people.csv rows ingestion rejected (bad quotes, field counts, duplicate ids)
 * @param badNumbers     numeric cells that were not numbers (read as missing)
 * @param intervalLevel  level of the predictive interval (0.90)
 * @param lower          per person, lower end of the central predictive interval (counts: a count; NaN where unscored)
 * @param upper          per person, upper end
 * @param pZero          per person, the model's P(0 exposures) (NaN for OLS)
 */
public record Scoring(String source, String modelKind, List<String> ids, double[] predictions, int scored, int unscored,
                      Map<String, Map<String, Long>> unseenLevels, String unseenPolicy, List<String> warnings,
                      long rejectedRows, long badNumbers, DriftReport drift,
                      double intervalLevel, double[] lower, double[] upper, double[] pZero) {
    public Scoring {
        ids = List.copyOf(ids);
        predictions = predictions.clone();
        lower = lower.clone();
        upper = upper.clone();
        pZero = pZero.clone();
        unseenLevels = Map.copyOf(unseenLevels);
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] predictions() { return predictions.clone(); }

    @Override public double[] lower() { return lower.clone(); }
    @Override public double[] upper() { return upper.clone(); }
    @Override public double[] pZero() { return pZero.clone(); }

    public double prediction(int i) { return predictions[i]; }

    /** Header of {@link #writeCsv}: the prediction first, then the interval at {@code intervalLevel} and P(0). */
    public String csvHeader() {
        int pct = (int) Math.round(100 * intervalLevel);
        return "person_id,predicted_exposures,lower_" + pct + ",upper_" + pct + ",p_zero";
    }

    /** People with an unseen level in any column. */
    public long unseenCount() {
        return unseenLevels.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /**
     * Writes {@code person_id,predicted_exposures,lower_90,upper_90,p_zero} (one row per input person, input
     * order; empty values where the person could not be scored, and an empty P(0) for OLS) atomically to {@code out}.
     */
    public Path writeCsv(Path out) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(csvHeader() + "\n");
                boolean counts = !"OLS".equals(modelKind); // count bounds are whole numbers
                for (int i = 0; i < ids.size(); i++) {
                    w.write(csv(ids.get(i)));
                    w.write(',');
                    if (!Double.isNaN(predictions[i])) w.write(String.format(Locale.ROOT, "%.6f", predictions[i]));
                    w.write(',');
                    if (!Double.isNaN(lower[i])) w.write(String.format(Locale.ROOT, counts ? "%.0f" : "%.6f", lower[i]));
                    w.write(',');
                    if (!Double.isNaN(upper[i])) w.write(String.format(Locale.ROOT, counts ? "%.0f" : "%.6f", upper[i]));
                    w.write(',');
                    if (!Double.isNaN(pZero[i])) w.write(String.format(Locale.ROOT, "%.6g", pZero[i]));
                    w.write('\n');
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new ModelException("cannot write predictions to " + out + ": " + e.getMessage(), e);
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        double sum = 0;
        for (double p : predictions) if (!Double.isNaN(p)) sum += p;
        sb.append(String.format(Locale.ROOT, "Scored %s with the stored %s model: %,d people, %,d scored, %,d not scored%s; mean prediction %.4g%n",
                source, modelKind, ids.size(), scored, unscored, unscored > 0 ? " (a missing value in a column whose strategy is DROP)" : "",
                scored == 0 ? Double.NaN : sum / scored));
        double pz = 0, width = 0;
        int cnt = 0;
        for (int i = 0; i < predictions.length; i++) {
            if (Double.isNaN(lower[i])) continue;
            cnt++;
            width += upper[i] - lower[i];
            pz += pZero[i];
        }
        if (cnt > 0) {
            sb.append(String.format(Locale.ROOT, "Predictive %.0f%% intervals per person (plug-in %s distribution): mean width %.4g%s%n", 100 * intervalLevel,
                    modelKind, width / cnt, Double.isNaN(pz) ? "" : String.format(Locale.ROOT, "; mean P(0) %.4f", pz / cnt)));
        }
        if (rejectedRows > 0 || badNumbers > 0) {
            sb.append(String.format(Locale.ROOT, "Input problems: %,d rows rejected by ingestion, %,d numeric cells that were not numbers (read as missing)%n",
                    rejectedRows, badNumbers));
        }
        if (unseenLevels.isEmpty()) sb.append("Unseen categories: none (policy ").append(unseenPolicy).append(")\n");
        else {
            sb.append(String.format(Locale.ROOT, "Unseen categories (policy %s%s): %,d people%n", unseenPolicy,
                    unseenPolicy.equals("REFERENCE") ? ": encoded as the column's reference level" : "", unseenCount()));
            unseenLevels.forEach((c, m) -> sb.append("  ").append(c).append(": ").append(m).append('\n'));
        }
        for (String w : warnings) sb.append("Note: ").append(w).append('\n');
        sb.append(drift.table().toText());
        List<DriftRow> f = drift.flagged();
        sb.append(f.isEmpty() ? "No drift flagged.\n" : "Drift flagged: " + f.stream().map(r -> r.name() + " (" + r.level().name().toLowerCase(Locale.ROOT) + ", PSI "
                + String.format(Locale.ROOT, "%.3f", r.psi()) + ")").toList() + "\n");
        return sb.toString();
    }
}
