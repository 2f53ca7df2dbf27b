//SOURCES ../storage/*.java
package cli;

import storage.StorageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The exit codes of every job (analysis.java, its predict command, slices.java), and which error gives
 * which: one policy, so a scheduler can tell "fix your input" from "retry later" from "a bug".
 * Every code but {@link #OK} comes with one line on stderr naming the cause; only {@link #BUG} adds a
 * stack trace.
 */
public enum ExitCode {
    OK(0, "success: everything asked for was produced"),
    BUG(1, "unexpected error: a bug (a stack trace follows; please report it)"),
    INPUT(2, "usage or input error: a bad option, input file, column or store key"),
    DRIFT(3, "predict: predictions written; significant drift (PSI > 0.25)"),
    PARTIAL(4, "partial result: a step failed; the rest is saved and written"),
    STORAGE(5, "storage or I/O failure: the store or a file cannot be read or written");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() { return code; }

    public String meaning() { return meaning; }

    /**
     * The code for an error that ended a job or a step. User mistakes are {@link IllegalArgumentException}s
     * (model.ModelException, stats' checks, bad options) and the store's "no such key", "bad key" and "wrong
     * type" errors; the store's other errors and I/O errors are {@link #STORAGE}; anything else is a
     * {@link #BUG}. A job whose package has its own input-error type (ingest.IngestException,
     * slices.UsageError) maps that to {@link #INPUT} where it calls the package.
     */
    public static ExitCode of(Throwable e) {
        if (e instanceof StorageException.NotFound || e instanceof StorageException.InvalidKey
                || e instanceof StorageException.WrongType) return INPUT;
        if (e instanceof StorageException || e instanceof UncheckedIOException || e instanceof IOException) return STORAGE;
        if (e instanceof IllegalArgumentException) return INPUT;
        return BUG;
    }

    /** The worse of two codes, for a job whose steps ended differently (a bug outranks a partial result). */
    public ExitCode worse(ExitCode other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case OK -> 0;
            case DRIFT -> 1;
            case PARTIAL -> 2;
            case INPUT -> 3;
            case STORAGE -> 4;
            case BUG -> 5;
        };
    }

    /** The table for --help and the README: "  0  success: ..." one code a line. */
    public static String table() {
        StringBuilder b = new StringBuilder();
        for (ExitCode c : values()) b.append(String.format(Locale.ROOT, "  %d  %s%n", c.code, c.meaning));
        return b.toString();
    }
}
