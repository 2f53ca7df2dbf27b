package model;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress of one step with a known number of units (folds, bootstrap replicates), as lines for a
 * {@link FitOptions#progress()} listener: a start line, at most one line per {@link #EVERY_NANOS} while it
 * runs (units done, elapsed, and the time left estimated from the rate so far), and an end line with the
 * time taken. Thread-safe: workers call {@link #done(int)} concurrently.
 */
final class StepProgress {
    static final long EVERY_NANOS = 2_000_000_000L;

    private final Consumer<String> out;
    private final String what, unit;
    private final int total;
    private final long start = System.nanoTime();
    private long last = start;

    StepProgress(Consumer<String> out, String what, String unit, int total) {
        this.out = out;
        this.what = what;
        this.unit = unit;
        this.total = total;
        out.accept(what + " ...");
    }

    /** {@code n} units of the total are finished. */
    synchronized void done(int n) {
        long now = System.nanoTime();
        if (now - last < EVERY_NANOS || n >= total) return;
        last = now;
        double el = (now - start) / 1e9;
        double left = n == 0 ? Double.NaN : el * (total - n) / n;
        out.accept(String.format(Locale.ROOT, "%s: %d of %d %s, %.1f s, about %.0f s left", what, n, total, unit, el, left));
    }

    /** The end line, with any extra words (e.g. the result). */
    synchronized void finish(String extra) {
        out.accept(String.format(Locale.ROOT, "%s done (%.1f s%s)", what, (System.nanoTime() - start) / 1e9, extra == null || extra.isEmpty() ? "" : "; " + extra));
    }
}
