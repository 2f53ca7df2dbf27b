package model;

import java.util.List;

/**
 * The training data's fingerprint in a {@link ModelCard}.
 *
 * @param rowsInTable people in the per-person table
 * @param rowsUsed    people the model was fitted on
 * @param rowsDropped people dropped for missing values (DROP strategy)
 * @param files       the input files (empty when the table did not come from files)
 */
public record TrainingData(long rowsInTable, long rowsUsed, long rowsDropped, List<InputFingerprint> files) {
    public TrainingData {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
