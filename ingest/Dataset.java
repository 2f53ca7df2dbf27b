package ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Everything ingestion produces.
 *
 * @param people       people.csv with explicit types (person_id STRING, demographics as detected)
 * @param persons      one row per person (incl. zero exposures/visits): person_id, the demographics, then
 *                     exposures, visits, distinct_ads, distinct_channels, first_exposure, last_exposure,
 *                     first_visit, last_visit (DATETIME in the zone; missing when none) and, with visit
 *                     timing on, visits_within_24h (visits within 24 h after an exposure). Its first
 *                     columns are the same column objects as {@code people}'s (copying a 1M-unique
 *                     person_id StringColumn takes seconds): copy before changing them in place
 * @param demographics how each demographic column was typed
 * @param aggregates   the aggregates of the event files
 * @param report       rows read/accepted and every problem, per file
 * @param window       the accepted time window
 */
public record Dataset(Table people, Table persons, List<ColumnInfo> demographics, Aggregates aggregates,
                      IngestReport report, TimeWindow window) {

    /** Column names of {@link #persons()} that other packages read (the report, the models): one home. */
    public static final String PERSON_ID = "person_id", EXPOSURES = "exposures", VISITS = "visits";

    public Dataset {
        demographics = List.copyOf(demographics);
    }

    /**
     * Writes {@link #persons()} as CSV (e.g. as input for slices.java), creating the parent folder.
     * Times are written as ISO local date-times in the ingestion zone; missing values as empty cells.
     */
    public Path writePersonsCsv(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            // an explicit UTF-8 writer: Tablesaw's csv(File) would use the platform charset (US-ASCII under LANG=C)
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                persons.write().csv(w);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the per-person table to " + file + ": " + e.getMessage(), e);
        } catch (tech.tablesaw.io.RuntimeIOException e) {  // Tablesaw wraps its IOExceptions unchecked
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UncheckedIOException("cannot write the per-person table to " + file + ": " + cause.getMessage(),
                    cause instanceof IOException io ? io : new IOException(cause));
        }
    }
}
