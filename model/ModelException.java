package model;

/**
 * A user mistake met by the model workflow (a missing column, an unknown stored model, a level refused by
 * the ERROR unseen policy...). The message is one line naming what is wrong and what was expected; print
 * {@link #getMessage()}, not the stack trace. An IllegalArgumentException, so CLIs that report those as one
 * line (analysis.java's Cli) already handle it.
 */
public final class ModelException extends IllegalArgumentException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
