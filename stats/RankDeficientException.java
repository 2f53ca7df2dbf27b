package stats;

import java.util.List;

/**
 * Thrown when a design matrix is rank deficient. Names the aliased columns; nothing is ever dropped
 * silently. It is an {@link IllegalArgumentException}: a problem with the input, reported in one line.
 */
public final class RankDeficientException extends IllegalArgumentException {
    private final List<String> aliased;

    public RankDeficientException(List<String> aliased, String message) {
        super(message);
        this.aliased = List.copyOf(aliased);
    }

    /** The columns found to be (numerically) linear combinations of earlier columns. */
    public List<String> aliased() {
        return aliased;
    }
}
