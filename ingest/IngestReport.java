package ingest;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The ingestion report: one {@link FileReport} per input file. An analysis prints {@link #toText()},
 * prints {@link #alerts()} on stderr and saves {@link #toTable()} (one row per file and problem).
 */
public record IngestReport(List<FileReport> files, List<String> alerts) {
    public IngestReport {
        files = List.copyOf(files);
        alerts = List.copyOf(alerts);
    }

    public IngestReport(List<FileReport> files) { this(files, List.of()); }

    /**
     * One-line alerts for stderr, each starting "alert: " or "note: ": a file that lost more than
     * {@link IngestOptions#alertShare()} of its rows (dominant problem, first file:line:column), cells set
     * to missing above that share, a mostly-numeric column read as categorical, a .csv shadowing a .csv.gz.
     * Empty when there is nothing worth interrupting the user for; the full detail is in {@link #toText()}.
     */
    @Override
    public List<String> alerts() { return alerts; }

    public boolean clean() {
        return files.stream().allMatch(f -> f.problems().isEmpty());
    }

    public FileReport file(String nameEnd) {
        return files.stream().filter(f -> f.file().endsWith(nameEnd)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no file ending in " + nameEnd + " in the report"));
    }

    /** Several lines: per file rows read/accepted/rejected, each problem with its count and first locations. */
    public String toText() {
        StringBuilder sb = new StringBuilder("Ingestion report\n");
        for (FileReport f : files) {
            sb.append(String.format("  %s%s: %,d rows read, %,d accepted, %,d rejected (%.2f s)%n", f.file(),
                    f.gzip() ? " (gzip)" : "", f.rowsRead(), f.rowsAccepted(), f.rowsRejected(), f.seconds()));
            for (String n : f.notes()) sb.append("    note: ").append(n).append('\n');
            for (ProblemCount pc : f.problems()) {
                sb.append(String.format("    %s: %,d%s%n", pc.problem().label(), pc.count(),
                        pc.problem().rejectsRow() ? " rows rejected" : " cells set to missing (rows kept)"));
                for (Issue i : pc.examples()) sb.append("      ").append(i.message()).append('\n');
                if (pc.count() > pc.examples().size())
                    sb.append(String.format("      ... and %,d more%n", pc.count() - pc.examples().size()));
            }
        }
        if (clean()) sb.append("  no problems found\n");
        return sb.toString();
    }

    /** One row per file and problem kind (a row with problem "none" for a clean file). */
    public Table toTable() {
        List<String> file = new ArrayList<>(), problem = new ArrayList<>(), first = new ArrayList<>();
        List<Long> count = new ArrayList<>(), read = new ArrayList<>(), accepted = new ArrayList<>();
        for (FileReport f : files) {
            if (f.problems().isEmpty()) {
                file.add(f.file()); problem.add("none"); count.add(0L); first.add("");
                read.add(f.rowsRead()); accepted.add(f.rowsAccepted());
            }
            for (ProblemCount pc : f.problems()) {
                file.add(f.file()); problem.add(pc.problem().name()); count.add(pc.count());
                first.add(String.join(" | ", pc.examples().stream().map(Issue::message).toList()));
                read.add(f.rowsRead()); accepted.add(f.rowsAccepted());
            }
        }
        return Table.create("ingest_report",
                StringColumn.create("file", file), LongColumn.create("rows_read", read.stream().mapToLong(Long::longValue).toArray()),
                LongColumn.create("rows_accepted", accepted.stream().mapToLong(Long::longValue).toArray()),
                StringColumn.create("problem", problem), LongColumn.create("count", count.stream().mapToLong(Long::longValue).toArray()),
                StringColumn.create("first_examples", first));
    }
}
