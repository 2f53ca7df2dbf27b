package ingest;

import java.util.List;

/**
 * What happened to one input file.
 *
 * @param file         the path as given
 * @param bytes        size on disk (compressed size for gzip)
 * @param gzip         whether the file was gzip-compressed
 * @param rowsRead     data lines after the header (blank lines included)
 * @param rowsAccepted rows that went into the results
 * @param problems     problems by kind, in {@link Problem} order; empty when the file was clean
 * @param seconds      wall time spent on this file
 * @param notes        other facts worth printing (detected column kinds, the time window, ...)
 */
public record FileReport(String file, long bytes, boolean gzip, long rowsRead, long rowsAccepted,
                         List<ProblemCount> problems, double seconds, List<String> notes) {
    public FileReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Rows left out; equals the sum of the counts of the row-rejecting problems. */
    public long rowsRejected() { return rowsRead - rowsAccepted; }

    public long count(Problem p) {
        return problems.stream().filter(c -> c.problem() == p).mapToLong(ProblemCount::count).sum();
    }
}
