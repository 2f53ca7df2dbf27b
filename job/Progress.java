package job;

import java.io.PrintStream;
import java.util.Locale;

/** Timed progress lines on stderr ("[   0.6s] reading data ... done (0.6 s)"), so stdout stays the tables. */
final class Progress {
    private final long start = System.nanoTime();
    private final PrintStream err;

    Progress(PrintStream err) { this.err = err; }

    long begin(String what) {
        long t0 = System.nanoTime();
        err.printf(Locale.ROOT, "[%6.1fs] %s ...%n", (t0 - start) / 1e9, what);
        return t0;
    }

    /** Prints the end line ("done" or "FAILED") and returns the step's seconds. */
    double end(String what, long t0, boolean ok) {
        long t = System.nanoTime();
        err.printf(Locale.ROOT, "[%6.1fs] %s %s (%.1f s)%n", (t - start) / 1e9, what, ok ? "done" : "FAILED", (t - t0) / 1e9);
        return (t - t0) / 1e9;
    }
}
