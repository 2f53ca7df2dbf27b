package ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The problems worth a line on stderr, so the cause of a later failure is not buried in the stdout
 * report: a file that lost more than {@link IngestOptions#alertShare()} of its data rows (blank lines do
 * not count as data), with its dominant problem and the first location; cells set to missing above the
 * same share; a file that lost every data row stops ingestion with an {@link IngestException} saying why.
 */
final class Alerts {
    private Alerts() {}

    /** Data rows (blank lines left out) and the rows of them lost. */
    private static long dataRows(FileReport f) { return f.rowsRead() - f.count(Problem.BLANK_LINE); }
    private static long lost(FileReport f) { return f.rowsRejected() - f.count(Problem.BLANK_LINE); }

    /** The row-rejecting problem with the most rows (blank lines left out), or null. */
    private static ProblemCount dominant(FileReport f) {
        return f.problems().stream().filter(p -> p.problem().rejectsRow() && p.problem() != Problem.BLANK_LINE)
                .max(Comparator.comparingLong(ProblemCount::count)).orElse(null);
    }

    private static String cause(ProblemCount pc, String unit) {
        if (pc == null) return "";
        String first = pc.examples().isEmpty() ? "" : "; first: " + pc.examples().get(0).message();
        return String.format(Locale.ROOT, "; mostly %s (%,d %s)%s", pc.problem().label(), pc.count(), unit, first);
    }

    /** Throws when the file had data rows and every one was rejected. */
    static void requireAccepted(FileReport f) {
        long data = dataRows(f);
        if (data > 0 && lost(f) == data)
            throw new IngestException(String.format(Locale.ROOT, "%s: every data row was rejected (%,d rows)%s", f.file(), data,
                    cause(dominant(f), "rows")));
    }

    /** Alert lines for one file: rows lost and cells set to missing above the share. */
    static List<String> of(FileReport f, double share) {
        List<String> out = new ArrayList<>();
        long data = dataRows(f), lost = lost(f);
        if (data > 0 && lost > 0 && (double) lost / data > share)
            out.add(String.format(Locale.ROOT, "alert: %s lost %.1f%% of its rows (%,d of %,d rejected)%s", f.file(), 100.0 * lost / data,
                    lost, data, cause(dominant(f), "rows")));
        long bad = f.count(Problem.BAD_NUMBER);
        if (f.rowsAccepted() > 0 && bad > 0 && (double) bad / f.rowsAccepted() > share) {
            ProblemCount pc = f.problems().stream().filter(p -> p.problem() == Problem.BAD_NUMBER).findFirst().orElseThrow();
            out.add(String.format(Locale.ROOT, "alert: %s has %,d cells that are not numbers in numeric columns (set to missing) in %,d rows%s",
                    f.file(), bad, f.rowsAccepted(), pc.examples().isEmpty() ? "" : "; first: " + pc.examples().get(0).message()));
        }
        return out;
    }

    /**
     * A column that is mostly numbers (at least half of its non-empty values) but was detected as
     * categorical because some values are not: it would become a factor with a level per distinct number.
     */
    static String mostlyNumeric(String file, ColumnInfo c, long levels, ChunkLog.Pending firstNonNumber) {
        if (c.kind() != ColumnKind.CATEGORICAL || c.rule().equals("declared") || !(c.numericShare() >= 0.5)) return null;
        String where = firstNonNumber == null ? ""
                : String.format(Locale.ROOT, " (first: %s at %s:%d:%d)", firstNonNumber.found(), file, firstNonNumber.line(), firstNonNumber.column());
        return String.format(Locale.ROOT, "alert: %s: column '%s' is %.1f%% numbers but is read as categorical (%,d levels) because %.1f%% of its"
                        + " values are not%s; declare its type: --numeric %s (the others become missing) or --categorical %s",
                file, c.name(), 100 * c.numericShare(), levels, 100 * (1 - c.numericShare()), where, c.name(), c.name());
    }
}
