//SOURCES ../cli/*.java
package slices;

import cli.ExitCode;
import storage.StorageException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The slice-fit-combine job behind {@code slices.java}: read, slice, fit in parallel, write the two tables,
 * save the models, draw the chart, print the combined table. Also the three steps the Nextflow workflow runs
 * as separate tasks ({@code --list-slices}, {@code --only-slice}, {@code --combine}).
 */
public final class SliceJob {
    private SliceJob() {}

    /** What a run produced (for tests and callers that want more than the files). */
    public record Result(List<SliceFit> fits, ModelTables.Csv combined, Path chart, int savedModels) {}

    /**
     * Runs the command line; returns the exit code of {@link cli.ExitCode}'s policy, shared with analysis.java:
     * 0 ok, 2 usage or input error ({@link UsageError}, a bad key), 5 the store or an output file failed,
     * each with one line on {@code err}; a bug is rethrown with its stack trace (exit 1 from the JVM).
     */
    public static int main(String[] args, PrintStream out, PrintStream err) {
        try {
            Optional<SliceOptions> o = SliceOptions.parse(args);
            if (o.isEmpty()) {
                out.print(SliceOptions.USAGE);
                return ExitCode.OK.code();
            }
            run(o.get(), out, err);
            return ExitCode.OK.code();
        } catch (UsageError e) {
            err.println("slices: " + e.getMessage());
            return ExitCode.INPUT.code();
        } catch (StorageException e) {
            // the store is touched only to save the models
            err.println("slices: saving the models failed: " + e.getMessage());
            return ExitCode.of(e).code();
        } catch (RuntimeException e) {
            ExitCode code = ExitCode.of(e);
            if (code == ExitCode.BUG) throw e;
            err.println("slices: " + e.getMessage());
            return code.code();
        }
    }

    public static Result run(SliceOptions o, PrintStream out, PrintStream err) {
        long t0 = System.nanoTime();
        if (o.listSlices()) {
            // With --x/--y given the columns are checked here too, so a workflow fails at its first step.
            List<String> values = o.y() != null
                    ? new ArrayList<>(SliceReader.read(o.file(), o.by(), o.x(), o.y(), null).slices().keySet())
                    : SliceReader.sliceValues(o.file(), o.by());
            for (String s : values) {
                if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)
                    throw new UsageError("slice value '" + s.replace("\n", "\\n") + "' of column '" + o.by() + "' holds a line break: cannot be listed one a line");
                out.println(s);
            }
            return new Result(List.of(), null, null, 0);
        }
        if (!o.combine().isEmpty()) return combine(o, out, err, t0);

        SliceReader.Sliced data = SliceReader.read(o.file(), o.by(), o.x(), o.y(), o.onlySlice());
        List<SliceRows> slices = new ArrayList<>(data.slices().values());
        if (slices.isEmpty())
            throw new UsageError(o.file() + " has no rows with a value in column '" + o.by() + "' (" + data.rows() + " data rows)");
        long t1 = System.nanoTime();
        List<SliceFit> fits = SliceFitter.fitAll(slices, o.y(), o.na(), o.threads());
        long t2 = System.nanoTime();
        ModelTables.write(o.out(), o.by(), o.x(), fits);
        int saved = SliceStore.save(o.storeUri(), o.by(), o.y(), o.x(), o.na(), o.file().getFileName().toString(), fits);
        ModelTables.Csv combined = ModelTables.combinedTable(o.by(), o.x(), fits);
        Path chart = null;
        if (o.plots() != null) {
            List<SliceChart.Line> lines = new ArrayList<>();
            for (SliceFit f : fits) lines.add(line(f, o.x()));
            chart = SliceChart.write(o.plots(), title(o), o, combined, lines, data.slices());
        }
        if (!o.quiet()) out.print(ModelTables.pretty(combined));
        long failed = fits.stream().filter(f -> !f.ok()).count();
        err.println(String.format(Locale.ROOT, "slices: %d slice%s (%d fitted, %d failed) from %,d rows%s; read %.2f s, fit %.2f s, total %.2f s",
                fits.size(), fits.size() == 1 ? "" : "s", fits.size() - failed, failed, data.rows(),
                data.missingBy() > 0 ? " (" + data.missingBy() + " without a " + o.by() + " value, left out)" : "",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t0) / 1e9));
        err.println("slices: wrote " + o.out().resolve(ModelTables.COMBINED) + ", " + o.out().resolve(ModelTables.TIDY)
                + "; " + saved + " model" + (saved == 1 ? "" : "s") + " saved to " + o.storeUri()
                + (chart != null ? "; chart " + chart : ""));
        return new Result(fits, combined, chart, saved);
    }

    private static Result combine(SliceOptions o, PrintStream out, PrintStream err, long t0) {
        List<String> expected = o.by() != null && !o.x().isEmpty() ? ModelTables.combinedHeader(o.by(), o.x()) : null;
        ModelTables.Csv combined = ModelTables.combine(o.combine(), o.out(), expected);
        Path chart = null;
        if (o.plots() != null && o.file() != null) {
            SliceReader.Sliced data = SliceReader.read(o.file(), o.by(), o.x(), o.y(), null);
            List<SliceChart.Line> lines = new ArrayList<>();
            int statusCol = combined.header().size() - 2;
            for (List<String> row : combined.rows()) {
                Map<String, Double> est = ModelTables.estimates(combined.header(), row, o.x());
                lines.add(new SliceChart.Line(row.get(0), est, row.get(statusCol), row.get(statusCol + 1)));
            }
            chart = SliceChart.write(o.plots(), title(o), o, combined, lines, data.slices());
        }
        if (!o.quiet()) out.print(ModelTables.pretty(combined));
        err.println(String.format(Locale.ROOT, "slices: combined %d part%s into %d slice rows in %.2f s; wrote %s, %s%s",
                o.combine().size(), o.combine().size() == 1 ? "" : "s", combined.rows().size(), (System.nanoTime() - t0) / 1e9,
                o.out().resolve(ModelTables.COMBINED), o.out().resolve(ModelTables.TIDY), chart != null ? "; chart " + chart : ""));
        return new Result(List.of(), combined, chart, 0);
    }

    private static SliceChart.Line line(SliceFit f, List<String> x) {
        java.util.LinkedHashMap<String, Double> est = new java.util.LinkedHashMap<>();
        est.put(SliceFit.INTERCEPT, f.term(SliceFit.INTERCEPT) == null ? Double.NaN : f.term(SliceFit.INTERCEPT).estimate());
        for (String c : x) est.put(c, f.term(c) == null ? Double.NaN : f.term(c).estimate());
        return new SliceChart.Line(f.slice(), est, f.status(), f.reason());
    }

    private static String title(SliceOptions o) {
        return o.y() + " ~ " + String.join(" + ", o.x()) + " by " + o.by();
    }
}
