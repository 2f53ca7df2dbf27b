package slices;

/** A mistake in the arguments or the input file: reported as one line (no stack trace), exit code 2. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message, null, false, false);
    }
}
