package ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads people.csv into a Tablesaw table with explicit types, in two streaming passes (no Tablesaw
 * inference, no String per cell kept between passes).
 * <p>Only {@code person_id} is required; it is kept as a STRING column and indexed by {@link PersonIndex}.
 * Every other header column is a demographic whose kind is decided as follows (documented rule):
 * <ol>
 * <li>a kind given in {@link IngestOptions#columnKinds()} wins;</li>
 * <li>otherwise the column is NUMERIC when at least {@link IngestOptions#numericShare()} (default 99%) of
 *     its non-empty cells are numbers ({@link Numbers}), else CATEGORICAL; an all-empty column is
 *     CATEGORICAL.</li>
 * </ol>
 * NUMERIC columns are INTEGER when every number is an integer in int range, else DOUBLE; their non-number
 * cells are reported as {@link Problem#BAD_NUMBER} and set to missing (the row is kept). Empty cells are
 * missing. Rows with a bad quote, a wrong field count, bytes that are not text ({@link TextCheck}), an
 * empty person_id, a value over its length limit ({@link IngestOptions#MAX_ID_BYTES} for person_id,
 * {@link IngestOptions#MAX_LABEL_BYTES} for the others) or a person_id already seen are rejected (the
 * first occurrence of an id wins).
 */
public final class PeopleReader {
    private PeopleReader() {}

    /** people.csv as read. */
    public record People(Table table, PersonIndex index, List<ColumnInfo> columns, FileReport report, List<String> alerts) {
        public People {
            alerts = List.copyOf(alerts);
        }
    }

    interface LineSink { boolean line(byte[] b, int s, int e, long lineNo); }

    public static People read(Path path, IngestOptions o) {
        return start(path, o).rest().get();
    }

    /**
     * people.csv after its first pass: the index of ids is complete (the event passes can start) and
     * {@code rest} runs the second pass (typed columns, bad numbers) and builds the table; Ingest runs it
     * on its own thread alongside the event passes.
     */
    record Started(PersonIndex index, Supplier<People> rest) {}

    static Started start(Path path, IngestOptions o) {
        long t0 = System.nanoTime();
        InputFile f = InputFile.open(path, List.of(Dataset.PERSON_ID, "..."));
        int idCol = f.column(Dataset.PERSON_ID);
        int nc = f.header.size();
        for (String declared : o.columnKinds().keySet())
            if (!f.header.contains(declared))
                throw new IngestException(f.name + ":1: a kind is declared for column '" + declared
                        + "', which is not in the header (header: " + String.join(", ", f.header) + ")");
        ChunkLog log = new ChunkLog(0, o.maxExamples(), o.strict());
        PersonIndex index = new PersonIndex();
        long[] nonEmpty = new long[nc], numbers = new long[nc];
        boolean[] allInt = new boolean[nc];
        Arrays.fill(allInt, true);
        ChunkLog.Pending[] firstNonNumber = new ChunkLog.Pending[nc];
        int[][] firstLine = {new int[1024]};
        Fields fields = new Fields(nc);
        String expectedFields = nc + " fields (" + String.join(",", f.header) + ")";

        // pass 1: structure, ids, and what each column's values look like
        long[] lastLine = {1};
        forEachLine(f, (b, s, e, line) -> {
            lastLine[0] = line;
            log.rowsRead++;
            if (s == e) { log.add(Problem.BLANK_LINE, line, 1, "a data row", "an empty line"); return log.first == null; }
            if (!fields.split(b, s, e)) {
                log.add(Problem.BAD_QUOTE, line, ChunkLog.column(b, s, fields.errorPos),
                        "a closing quote followed by a comma or the line end", ChunkLog.found(b, fields.errorPos, e));
                return log.first == null;
            }
            if (fields.count != nc) {
                log.add(Problem.FIELD_COUNT, line, ChunkLog.column(b, s, fields.count > nc ? fields.errorPos : e),
                        expectedFields, fields.count + " fields");
                return log.first == null;
            }
            int bad = TextCheck.firstBad(b, s, e);
            if (bad >= 0) { log.badText(b, s, bad, fields, f.header, line); return log.first == null; }
            if (fields.isEmpty(idCol)) {
                log.add(Problem.MISSING_VALUE, line, ChunkLog.column(b, s, fields.pos[idCol]),
                        "a value in column 'person_id'", "an empty field");
                return log.first == null;
            }
            int longCol = tooLong(fields, idCol);
            if (longCol >= 0) {
                boolean id = longCol == idCol;
                log.tooLong(b, s, fields, longCol, f.header, id ? IngestOptions.MAX_ID_BYTES : IngestOptions.MAX_LABEL_BYTES,
                        id ? "ids" : "demographic values", line);
                return log.first == null;
            }
            int r = index.add(fields.src[idCol], fields.start[idCol], fields.end[idCol]);
            if (r < 0) {
                log.add(Problem.DUPLICATE_ID, line, ChunkLog.column(b, s, fields.pos[idCol]),
                        "a person_id not seen before (first on line " + firstLine[0][-r - 1] + ")", Issue.quote(fields.string(idCol)));
                return log.first == null;
            }
            if (r >= firstLine[0].length) firstLine[0] = Arrays.copyOf(firstLine[0], firstLine[0].length * 2);
            firstLine[0][r] = (int) Math.min(line, Integer.MAX_VALUE);
            log.rowsAccepted++;
            for (int c = 0; c < nc; c++) {
                if (c == idCol || fields.isEmpty(c)) continue;
                nonEmpty[c]++;
                double v = Numbers.parse(fields.src[c], fields.start[c], fields.end[c]);
                if (v == v) {
                    numbers[c]++;
                    if (allInt[c] && !Numbers.isInt(v)) allInt[c] = false;
                } else if (firstNonNumber[c] == null) {
                    firstNonNumber[c] = new ChunkLog.Pending(Problem.BAD_NUMBER, line, ChunkLog.column(b, s, fields.pos[c]),
                            null, Issue.quote(fields.string(c)));
                }
            }
            return true;
        });
        firstLine[0] = null;
        if (log.rowsRead == 0)
            throw new IngestException(f.name + ": no data rows: expected one row per person after the header");

        // kinds
        List<ColumnInfo> infos = new ArrayList<>();
        ColumnKind[] kind = new ColumnKind[nc];
        String[] expectedNumber = new String[nc];
        for (int c = 0; c < nc; c++) {
            if (c == idCol) continue;
            String name = f.header.get(c);
            double share = nonEmpty[c] == 0 ? Double.NaN : (double) numbers[c] / nonEmpty[c];
            String rule;
            if (o.columnKinds().containsKey(name)) { kind[c] = o.columnKinds().get(name); rule = "declared"; }
            else if (nonEmpty[c] == 0) { kind[c] = ColumnKind.CATEGORICAL; rule = "detected: every cell is empty"; }
            else {
                kind[c] = share >= o.numericShare() ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
                rule = String.format("detected: %.1f%% of %,d non-empty values are numbers (%s %s%%)", 100 * share,
                        nonEmpty[c], share >= o.numericShare() ? ">=" : "<", fmt(100 * o.numericShare()));
            }
            expectedNumber[c] = "a number in column '" + name + "' (" + rule + ")";
            infos.add(new ColumnInfo(name, kind[c], kind[c] == ColumnKind.NUMERIC ? (allInt[c] ? "INTEGER" : "DOUBLE") : "STRING",
                    kind[c] == ColumnKind.NUMERIC ? numbers[c] : nonEmpty[c],
                    log.rowsAccepted - (kind[c] == ColumnKind.NUMERIC ? numbers[c] : nonEmpty[c]), share, rule));
        }
        if (o.strict()) {
            // the earliest problem in the file: a structural one (pass 1 stopped there) or a non-number
            // in a numeric column before it
            ChunkLog.Pending first = log.first;
            int firstCol = -1;
            for (int c = 0; c < nc; c++)
                if (kind[c] == ColumnKind.NUMERIC && firstNonNumber[c] != null
                        && (first == null || firstNonNumber[c].line() < first.line()
                            || (firstNonNumber[c].line() == first.line() && firstNonNumber[c].column() < first.column()))) {
                    first = firstNonNumber[c];
                    firstCol = c;
                }
            if (first != null) {
                String exp = firstCol >= 0 ? expectedNumber[firstCol] : first.expected();
                throw new IngestException(new Issue(f.name, first.line(), first.column(), first.problem(), exp, first.found()));
            }
        }

        Alerts.requireAccepted(ChunkLog.report(f, 0, List.of(log), o.maxExamples(), 0, List.of()));

        // pass 2: typed values of the accepted rows
        int n = index.size();
        index.trim();
        return new Started(index, () -> pass2(f, o, t0, log, index, n, idCol, kind, allInt, expectedNumber, infos, firstNonNumber));
    }

    private static People pass2(InputFile f, IngestOptions o, long t0, ChunkLog log, PersonIndex index, int n, int idCol,
                                ColumnKind[] kind, boolean[] allInt, String[] expectedNumber, List<ColumnInfo> infos,
                                ChunkLog.Pending[] firstNonNumber) {
        int nc = f.header.size();
        Fields fields = new Fields(nc);
        int[][] ints = new int[nc][];
        double[][] doubles = new double[nc][];
        String[][] strings = new String[nc][];
        for (int c = 0; c < nc; c++) {
            if (c == idCol) continue;
            if (kind[c] == ColumnKind.CATEGORICAL) strings[c] = new String[n];
            else if (allInt[c]) ints[c] = new int[n];
            else doubles[c] = new double[n];
        }
        Map<String, String> interned = new HashMap<>();
        LabelCache[] labels = new LabelCache[nc];
        for (int c = 0; c < nc; c++) labels[c] = new LabelCache();
        int[] next = {0};
        forEachLine(f, (b, s, e, line) -> {
            // the rows pass 1 rejected are skipped by the same tests (a rejected row's id may be a later row's)
            if (s == e || !fields.split(b, s, e) || fields.count != nc || TextCheck.firstBad(b, s, e) >= 0
                    || fields.isEmpty(idCol) || tooLong(fields, idCol) >= 0) return true;
            int p = index.find(fields.src[idCol], fields.start[idCol], fields.end[idCol]);
            if (p != next[0]) return true; // a duplicate (its first occurrence took the index)
            next[0]++;
            for (int c = 0; c < nc; c++) {
                if (c == idCol) continue;
                boolean empty = fields.isEmpty(c);
                if (strings[c] != null) {
                    strings[c][p] = empty ? "" : labels[c].get(fields.src[c], fields.start[c], fields.end[c], interned);
                } else {
                    double v = empty ? Double.NaN : Numbers.parse(fields.src[c], fields.start[c], fields.end[c]);
                    if (!empty && v != v)
                        log.add(Problem.BAD_NUMBER, line, ChunkLog.column(b, s, fields.pos[c]), expectedNumber[c], Issue.quote(fields.string(c)));
                    if (ints[c] != null) ints[c][p] = v == v ? (int) v : Integer.MIN_VALUE;
                    else doubles[c][p] = v;
                }
            }
            return true;
        });
        List<Column<?>> cols = new ArrayList<>();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = index.id(i);
        for (int c = 0; c < nc; c++) {
            String name = f.header.get(c);
            if (c == idCol) cols.add(StringColumn.create(name, ids));
            else if (strings[c] != null) cols.add(StringColumn.create(name, strings[c]));
            else if (ints[c] != null) cols.add(IntColumn.create(name, ints[c]));
            else cols.add(DoubleColumn.create(name, doubles[c]));
        }
        Table table = Table.create("people", cols.toArray(new Column<?>[0]));
        List<String> notes = new ArrayList<>();
        for (ColumnInfo ci : infos) notes.add("column '" + ci.name() + "': " + ci.kind() + " (" + ci.storage() + "), " + ci.rule());
        FileReport rep = ChunkLog.report(f, 0, List.of(log), o.maxExamples(), (System.nanoTime() - t0) / 1e9, notes);
        List<String> alerts = new ArrayList<>(Alerts.of(rep, o.alertShare()));
        for (ColumnInfo ci : infos) {
            if (ci.kind() != ColumnKind.CATEGORICAL || !(ci.numericShare() >= 0.5)) continue;
            int c = f.header.indexOf(ci.name());
            long levels = Arrays.stream(strings[c]).filter(v -> !v.isEmpty()).distinct().count();
            String a = Alerts.mostlyNumeric(f.name, ci, levels, firstNonNumber[c]);
            if (a != null) alerts.add(a);
        }
        return new People(table, index, List.copyOf(infos), rep, alerts);
    }

    /**
     * Byte-level cache of a categorical column's first 1024 distinct values, so a repeated value costs a
     * hash over its bytes instead of a new String and a HashMap lookup; later values go through the map.
     */
    static final class LabelCache {
        private final byte[][] keys = new byte[2048][];
        private final String[] vals = new String[2048];
        private int n;

        String get(byte[] b, int s, int e, Map<String, String> interned) {
            int h = PersonIndex.hash(b, s, e);
            int i = h & 2047;
            while (true) {
                byte[] k = keys[i];
                if (k == null) break;
                if (Arrays.equals(k, 0, k.length, b, s, e)) return vals[i];
                i = (i + 1) & 2047;
            }
            String v = interned.computeIfAbsent(new String(b, s, e - s, StandardCharsets.UTF_8), x -> x);
            if (n < 1024) {
                keys[i] = Arrays.copyOfRange(b, s, e);
                vals[i] = v;
                n++;
            }
            return v;
        }
    }

    /** The first field over its length limit (person_id: MAX_ID_BYTES, others: MAX_LABEL_BYTES), or -1. */
    private static int tooLong(Fields fields, int idCol) {
        for (int c = 0; c < fields.count; c++)
            if (fields.end[c] - fields.start[c] > (c == idCol ? IngestOptions.MAX_ID_BYTES : IngestOptions.MAX_LABEL_BYTES)) return c;
        return -1;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Calls sink for every line after the header (file line numbers: header = 1), until it returns false. */
    static void forEachLine(InputFile f, LineSink sink) {
        try (InputStream in = InputFile.openStream(f.path, f.gzip)) {
            in.skipNBytes(f.dataStart);
            byte[] buf = new byte[1 << 20];
            int have = 0;
            long line = 1;
            boolean eof = false;
            while (true) {
                if (!eof) {
                    int r = in.read(buf, have, buf.length - have);
                    if (r < 0) eof = true; else have += r;
                }
                int p = 0;
                while (true) {
                    int nl = InputFile.indexOf(buf, p, have, (byte) '\n');
                    if (nl < 0) {
                        if (eof && p < have) nl = have; else break;
                    }
                    int e = nl > p && buf[nl - 1] == '\r' ? nl - 1 : nl;
                    line++;
                    if (!sink.line(buf, p, e, line)) return;
                    p = nl + 1;
                }
                if (eof && p >= have) return;
                System.arraycopy(buf, p, buf, 0, have - p);
                have -= p;
                if (have == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            }
        } catch (IOException e) {
            throw new IngestException(f.name + ": cannot read" + (f.gzip ? " gzip data" : "") + ": " + e.getMessage());
        }
    }
}
