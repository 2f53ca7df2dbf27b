package slices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two output tables and their CSV form.
 *
 * <ul>
 *   <li>{@code models_combined.csv}: one row per slice, sorted: {@code <by>, n, intercept, <x>..., intercept_se,
 *       <x>_se..., r_squared, adj_r_squared, rmse, status, reason};</li>
 *   <li>{@code models_tidy.csv}: one row per fitted term: {@code slice, term, estimate, std_error, t, p_value,
 *       ci_low, ci_high} (slices that failed have no rows here; their reason is in the combined table).</li>
 * </ul>
 * Numbers are written losslessly (Java's shortest round-trip form), missing values as {@code NA}. The text
 * depends only on the fits, so the whole-file run and the per-slice-plus-combine run write identical files.
 */
public final class ModelTables {
    private ModelTables() {}

    public static final String COMBINED = "models_combined.csv";
    public static final String TIDY = "models_tidy.csv";
    /** Column names of models_combined.csv a predictor or the slice column may not take. */
    public static final List<String> RESERVED = List.of("n", "intercept", "r_squared", "adj_r_squared", "rmse", "status", "reason");
    public static final List<String> TIDY_HEADER = List.of("slice", "term", "estimate", "std_error", "t", "p_value", "ci_low", "ci_high");

    public static List<String> combinedHeader(String by, List<String> x) {
        List<String> h = new ArrayList<>();
        h.add(by);
        h.add("n");
        h.add(SliceFit.INTERCEPT);
        h.addAll(x);
        h.add(SliceFit.INTERCEPT + "_se");
        for (String c : x) h.add(c + "_se");
        h.addAll(List.of("r_squared", "adj_r_squared", "rmse", "status", "reason"));
        return h;
    }

    public static List<String> combinedRow(SliceFit f, List<String> x) {
        List<String> r = new ArrayList<>();
        r.add(f.slice());
        r.add(Integer.toString(f.n()));
        List<String> terms = new ArrayList<>();
        terms.add(SliceFit.INTERCEPT);
        terms.addAll(x);
        for (String t : terms) r.add(num(f.term(t) == null ? Double.NaN : f.term(t).estimate()));
        for (String t : terms) r.add(num(f.term(t) == null ? Double.NaN : f.term(t).stdError()));
        r.add(num(f.rSquared()));
        r.add(num(f.adjRSquared()));
        r.add(num(f.rmse()));
        r.add(f.status());
        r.add(f.reason());
        return r;
    }

    public static List<List<String>> tidyRows(SliceFit f) {
        List<List<String>> rows = new ArrayList<>();
        for (SliceFit.Term t : f.terms()) {
            rows.add(List.of(f.slice(), t.name(), num(t.estimate()), num(t.stdError()), num(t.t()), num(t.pValue()),
                    num(t.ciLow()), num(t.ciHigh())));
        }
        return rows;
    }

    /** Writes both tables into {@code dir} (fits already in output order). */
    public static void write(Path dir, String by, List<String> x, List<SliceFit> fits) {
        List<List<String>> combined = new ArrayList<>(), tidy = new ArrayList<>();
        for (SliceFit f : fits) {
            combined.add(combinedRow(f, x));
            tidy.addAll(tidyRows(f));
        }
        writeCsv(dir.resolve(COMBINED), combinedHeader(by, x), combined);
        writeCsv(dir.resolve(TIDY), TIDY_HEADER, tidy);
    }

    /** A table read back: header and rows of cells. */
    public record Csv(List<String> header, List<List<String>> rows) {}

    public static Csv readCsv(Path file) {
        try (CsvRecords in = CsvRecords.open(file)) {
            List<String> header = in.next();
            if (header == null) throw new UsageError(file + " is empty");
            List<List<String>> rows = new ArrayList<>();
            List<String> r;
            while ((r = in.next()) != null) {
                if (r.isEmpty()) continue;
                if (r.size() != header.size())
                    throw new UsageError(file + ": line " + in.recordLine() + " has " + r.size() + " fields, the header has " + header.size());
                rows.add(r);
            }
            return new Csv(header, rows);
        }
    }

    /**
     * Merges folders written by {@code --only-slice} into {@code out}: the headers must agree (and equal
     * {@code expectedHeader} when it is given); rows are put in slice order; a slice found twice is an error.
     *
     * @return the merged combined table
     */
    public static Csv combine(List<Path> parts, Path out, List<String> expectedHeader) {
        List<String> header = expectedHeader;
        Map<String, List<String>> combined = new HashMap<>();
        Map<String, List<List<String>>> tidy = new HashMap<>();
        Map<String, Path> from = new HashMap<>();
        for (Path part : parts) {
            Path c = Files.isDirectory(part) ? part.resolve(COMBINED) : part;
            Path t = c.resolveSibling(TIDY);
            if (!Files.isRegularFile(c)) throw new UsageError("--combine: " + part + " has no " + COMBINED + " (write it with --only-slice)");
            if (!Files.isRegularFile(t)) throw new UsageError("--combine: " + part + " has no " + TIDY + " next to " + COMBINED);
            Csv cc = readCsv(c);
            if (header == null) header = cc.header();
            else if (!header.equals(cc.header()))
                throw new UsageError("--combine: " + c + " has columns " + String.join(",", cc.header()) + " but expected "
                        + String.join(",", header) + " (parts of different runs?)");
            for (List<String> row : cc.rows()) {
                Path prev = from.put(row.get(0), c);
                if (prev != null) throw new UsageError("--combine: slice '" + row.get(0) + "' is in both " + prev + " and " + c);
                combined.put(row.get(0), row);
            }
            Csv tt = readCsv(t);
            if (!tt.header().equals(TIDY_HEADER)) throw new UsageError("--combine: " + t + " is not a " + TIDY + " (header " + tt.header() + ")");
            for (List<String> row : tt.rows()) tidy.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row);
        }
        if (header == null) throw new UsageError("--combine: nothing to combine");
        TreeMap<String, List<String>> sorted = new TreeMap<>(SliceOrder.forKeys(combined.keySet()));
        sorted.putAll(combined);
        List<List<String>> combinedRows = new ArrayList<>(sorted.values()), tidyRows = new ArrayList<>();
        for (String key : sorted.keySet()) tidyRows.addAll(tidy.getOrDefault(key, List.of()));
        for (String key : tidy.keySet())
            if (!combined.containsKey(key)) throw new UsageError("--combine: slice '" + key + "' has tidy rows but no combined row");
        writeCsv(out.resolve(COMBINED), header, combinedRows);
        writeCsv(out.resolve(TIDY), TIDY_HEADER, tidyRows);
        return new Csv(header, combinedRows);
    }

    /** Writes atomically (temp file + rename), so a reader never sees half a table. */
    public static void writeCsv(Path file, List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        line(b, header);
        for (List<String> r : rows) line(b, r);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            b.append(quote(cells.get(i)));
        }
        b.append('\n');
    }

    /** RFC 4180 quoting, only where needed (also for cells that would otherwise read back differently). */
    public static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))));
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Lossless number text; NA for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v)) return "NA";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    /** The combined table for the terminal: aligned columns, 4 significant digits. */
    public static String pretty(Csv table) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(table.header());
        for (List<String> r : table.rows()) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) out.add(i == 0 ? r.get(i) : shortNum(r.get(i)));
            cells.add(out);
        }
        int cols = table.header().size();
        int[] w = new int[cols];
        for (List<String> r : cells) for (int i = 0; i < cols; i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder b = new StringBuilder();
        for (List<String> r : cells) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String c = r.get(i);
                boolean left = i == 0 || i >= cols - 2;
                if (i > 0) l.append("  ");
                l.append(left ? c + " ".repeat(w[i] - c.length()) : " ".repeat(w[i] - c.length()) + c);
            }
            b.append(l.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String shortNum(String cell) {
        try {
            double v = Double.parseDouble(cell);
            if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
            return String.format(java.util.Locale.ROOT, "%.4g", v);
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    /** Combined table as {@link Csv} from fits (for printing). */
    public static Csv combinedTable(String by, List<String> x, List<SliceFit> fits) {
        List<List<String>> rows = new ArrayList<>();
        for (SliceFit f : fits) rows.add(combinedRow(f, x));
        return new Csv(combinedHeader(by, x), rows);
    }

    /** Parses a combined row back into (term -> estimate): used to draw lines from merged parts. */
    public static Map<String, Double> estimates(List<String> header, List<String> row, List<String> x) {
        Map<String, Double> m = new LinkedHashMap<>();
        List<String> terms = new ArrayList<>();
        terms.add(SliceFit.INTERCEPT);
        terms.addAll(x);
        for (String t : terms) {
            int i = header.indexOf(t);
            double v = i < 0 || row.get(i).equals("NA") ? Double.NaN : Double.parseDouble(row.get(i));
            m.put(t, v);
        }
        return m;
    }
}
