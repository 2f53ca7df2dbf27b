package ingest;

/**
 * A user mistake in the input (missing file or column, empty file, or in strict mode the first bad row).
 * The message is one line naming the file (and line, column, expected vs found where there is one); print
 * {@link #getMessage()}, not the stack trace.
 */
public final class IngestException extends RuntimeException {
    private final transient Issue issue;

    public IngestException(String message) {
        super(message, null, false, false);
        this.issue = null;
    }

    public IngestException(Issue issue) {
        super(issue.message(), null, false, false);
        this.issue = issue;
    }

    /** The located row problem in strict mode, or null for file-level errors. */
    public Issue issue() { return issue; }
}
