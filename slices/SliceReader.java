package slices;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a CSV / .csv.gz into one {@link SliceRows} per value of the slice column, checking the columns:
 * every named column must exist and the predictor and response columns must hold numbers (or be missing) in
 * every row, else a one-line {@link UsageError} names the column and lists the columns the file has.
 */
public final class SliceReader {
    private SliceReader() {}

    /** The file's slices in output order, plus what was left out. */
    public record Sliced(List<String> header, TreeMap<String, SliceRows> slices, long rows, long missingBy) {}

    /** All slices, or only {@code onlySlice} when it is not null (the other rows are still checked). */
    public static Sliced read(Path file, String by, List<String> x, String y, String onlySlice) {
        List<String> header;
        Map<String, SliceRows> slices = new HashMap<>();
        long rows = 0, missingBy = 0;
        try (CsvRecords csv = CsvRecords.open(file)) {
            header = readHeader(csv, file);
            int byIdx = column(header, by, "--by", file);
            int yIdx = y == null ? -1 : column(header, y, "--y", file);
            int[] xIdx = new int[x.size()];
            for (int j = 0; j < xIdx.length; j++) xIdx[j] = column(header, x.get(j), "--x", file);
            double[] xs = new double[xIdx.length];
            List<String> rec;
            while ((rec = csv.next()) != null) {
                if (rec.isEmpty() || (rec.size() == 1 && rec.get(0).isBlank())) continue;
                if (rec.size() != header.size())
                    throw new UsageError(file + ": line " + csv.recordLine() + " has " + rec.size() + " fields, the header has "
                            + header.size());
                rows++;
                double yv = yIdx < 0 ? Double.NaN : number(rec, yIdx, "--y", header, file, csv);
                for (int j = 0; j < xIdx.length; j++) xs[j] = number(rec, xIdx[j], "--x", header, file, csv);
                String keyCell = rec.get(byIdx);
                if (Cells.isMissing(keyCell)) {
                    missingBy++;
                    continue;
                }
                String key = keyCell.strip();
                if (onlySlice != null && !onlySlice.equals(key)) continue;
                slices.computeIfAbsent(key, k -> new SliceRows(k, x)).add(yv, xs);
            }
        }
        if (onlySlice != null && slices.isEmpty())
            throw new UsageError("--only-slice '" + onlySlice + "': no row of " + file + " has that value in column '" + by + "'");
        TreeMap<String, SliceRows> sorted = new TreeMap<>(SliceOrder.forKeys(slices.keySet()));
        sorted.putAll(slices);
        return new Sliced(header, sorted, rows, missingBy);
    }

    /** The sorted distinct non-missing values of column {@code by}. */
    public static List<String> sliceValues(Path file, String by) {
        Sliced s = read(file, by, List.of(), null, null);
        return new ArrayList<>(s.slices().keySet());
    }

    private static List<String> readHeader(CsvRecords csv, Path file) {
        List<String> h = csv.next();
        if (h == null || h.isEmpty()) throw new UsageError(file + " is empty: expected a header line with column names");
        List<String> header = new ArrayList<>();
        for (String c : h) header.add(c.strip());
        return List.copyOf(header);
    }

    private static int column(List<String> header, String name, String option, Path file) {
        int i = header.indexOf(name);
        if (i < 0)
            throw new UsageError("unknown column '" + name + "' given as " + option + "; the columns of " + file + " are: "
                    + String.join(", ", header));
        return i;
    }

    private static double number(List<String> rec, int idx, String option, List<String> header, Path file, CsvRecords csv) {
        String cell = rec.get(idx);
        try {
            return Cells.parse(cell);
        } catch (NumberFormatException e) {
            int line = csv.recordLine();
            boolean[] numeric = numericColumns(file, header.size());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) if (numeric[i]) names.add(header.get(i));
            throw new UsageError("column '" + header.get(idx) + "' given as " + option + " is not numeric (" + file + " line "
                    + line + ": '" + cell.strip() + "'); numeric columns: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + "; all columns: " + String.join(", ", header));
        }
    }

    /** Which columns hold only numbers or missing cells (a second pass, on the error path only). */
    private static boolean[] numericColumns(Path file, int width) {
        boolean[] bad = new boolean[width];
        try (CsvRecords csv = CsvRecords.open(file)) {
            csv.next();
            List<String> rec;
            while ((rec = csv.next()) != null) {
                if (rec.size() != width) continue;
                for (int i = 0; i < width; i++) if (!bad[i] && !Cells.isNumber(rec.get(i))) bad[i] = true;
            }
        }
        boolean[] numeric = new boolean[width];
        for (int i = 0; i < width; i++) numeric[i] = !bad[i];
        return numeric;
    }
}
