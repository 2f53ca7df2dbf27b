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
 */
public record Scoring(String source, String modelKind, List<String> ids, double[] predictions, int scored, int unscored,
                      Map<String, Map<String, Long>> unseenLevels, String unseenPolicy, List<String> warnings,
                      long rejectedRows, long badNumbers, DriftReport drift) {
    public Scoring {
        ids = List.copyOf(ids);
        predictions = predictions.clone();
        unseenLevels = Map.copyOf(unseenLevels);
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] predictions() { return predictions.clone(); }

    public double prediction(int i) { return predictions[i]; }

    /** People with an unseen level in any column. */
    public long unseenCount() {
        return unseenLevels.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /**
     * Writes {@code person_id,predicted_exposures} (one row per input person, input order; an empty value
     * where the person could not be scored) atomically to {@code out}.
     */
    public Path writeCsv(Path out) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("person_id,predicted_exposures\n");
                for (int i = 0; i < ids.size(); i++) {
                    w.write(csv(ids.get(i)));
                    w.write(',');
                    if (!Double.isNaN(predictions[i])) w.write(String.format(Locale.ROOT, "%.6f", predictions[i]));
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
        if (rejectedRows > 0 || badNumbers > 0) {
            sb.append(String.format(Locale.ROOT, "Input problems: %,d rows rejected by ingestion, %,d numeric cells that were not numbers (read as missing)%n", rejectedRows, badNumbers));
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
        sb.append(f.isEmpty() ? "No drift flagged.\n" : "Drift flagged: " + f.stream().map(r -> r.name() + " (" + r.level().name().toLowerCase(Locale.ROOT) + ", PSI " + String.format(Locale.ROOT, "%.3f", r.psi()) + ")").toList() + "\n");
        return sb.toString();
    }
}
