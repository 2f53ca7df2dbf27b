package report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small table of already formatted cells: prints aligned in the terminal ({@link #toText()}) and as an
 * escaped HTML table ({@link #toHtml()}). Columns whose every non-empty cell looks numeric are
 * right-aligned.
 */
public record TextTable(String title, List<String> headers, List<List<String>> rows) {

    public TextTable {
        headers = List.copyOf(headers);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            if (r.size() != headers.size())
                throw new IllegalArgumentException("table '" + title + "': row has " + r.size() + " cells, expected " + headers.size());
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
    }

    public static Builder builder(String title, String... headers) { return new Builder(title, List.of(headers)); }

    public static final class Builder {
        private final String title;
        private final List<String> headers;
        private final List<List<String>> rows = new ArrayList<>();
        private Builder(String title, List<String> headers) { this.title = title; this.headers = headers; }
        /** Adds a row; numbers are formatted with {@link #fmt(Object)}. */
        public Builder row(Object... cells) {
            List<String> r = new ArrayList<>(cells.length);
            for (Object c : cells) r.add(fmt(c));
            rows.add(r);
            return this;
        }
        public TextTable build() { return new TextTable(title, headers, rows); }
    }

    /**
     * Formats a cell: whole numbers with thousands separators ("76,212"), other
     * doubles with 3-4 decimals, null/NaN as "".
     */
    public static String fmt(Object o) {
        if (o == null) return "";
        if (o instanceof Long || o instanceof Integer || o instanceof Short) return num(((Number) o).doubleValue());
        if (o instanceof Double d) return num(d);
        if (o instanceof Float f) return num(f.doubleValue());
        return o.toString();
    }

    public static String num(double d) {
        if (Double.isNaN(d)) return "";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return grouped((long) d);
        double a = Math.abs(d);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.1f", d);
        if (a >= 1) return withoutTrailingZeros(String.format(Locale.ROOT, "%.3f", d));
        if (a >= 1e-4) return withoutTrailingZeros(String.format(Locale.ROOT, "%.4f", d));
        return String.format(Locale.ROOT, "%.3g", d);
    }

    // A report formats thousands of cells: these two are String.format("%,d") and replaceAll("0+$", "") then
    // replaceAll("\\.$", "") written out (same strings), without a Formatter or a regex compiled per cell.

    /** An integer with a comma every three digits from 1,000 on, as {@code %,d} in Locale.ROOT. */
    static String grouped(long v) {
        String digits = Long.toString(Math.abs(v));
        if (v == Long.MIN_VALUE || digits.length() <= 3) return v == Long.MIN_VALUE ? String.format(Locale.ROOT, "%,d", v) : Long.toString(v);
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (v < 0) b.append('-');
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        b.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) b.append(',').append(digits, i, i + 3);
        return b.toString();
    }

    /** Trailing zeros removed, then a trailing decimal point. */
    static String withoutTrailingZeros(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') end--;
        if (end > 0 && s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }

    /** A share in [0,1] as a percentage with one decimal, e.g. "12.5%". */
    public static String pct(double share) {
        return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private boolean numericColumn(int c) {
        boolean any = false;
        for (List<String> r : rows) {
            String s = r.get(c).trim();
            if (s.isEmpty()) continue;
            if (!s.matches("[-+]?(\\d[\\d,]*)?(\\.\\d+)?([eE][-+]?\\d+)?%?|inf|-inf")) return false;
            any = true;
        }
        return any;
    }

    /** Aligned plain text: title line, header, rule, rows. */
    public String toText() {
        int k = headers.size();
        int[] w = new int[k];
        boolean[] right = new boolean[k];
        for (int c = 0; c < k; c++) {
            w[c] = headers.get(c).length();
            for (List<String> r : rows) w[c] = Math.max(w[c], r.get(c).length());
            right[c] = numericColumn(c);
        }
        StringBuilder b = new StringBuilder();
        if (title != null && !title.isBlank()) b.append(title).append('\n');
        appendLine(b, headers, w, right);
        for (int c = 0; c < k; c++) { if (c > 0) b.append("  "); b.append("-".repeat(w[c])); }
        b.append('\n');
        for (List<String> r : rows) appendLine(b, r, w, right);
        return b.toString();
    }

    private static void appendLine(StringBuilder b, List<String> cells, int[] w, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) line.append("  ");
            String s = cells.get(c);
            String pad = " ".repeat(w[c] - s.length());
            line.append(right[c] ? pad + s : s + pad);
        }
        // trailing blanks cut by hand: replaceAll("\\s+$", "") retries from every blank and is quadratic on
        // a line padded to a very wide cell (a 1 MB label made the EDA step run for minutes)
        int end = line.length();
        while (end > 0 && isRegexSpace(line.charAt(end - 1))) end--;
        line.setLength(end);
        b.append(line).append('\n');
    }

    /** The characters of regex {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\u000B' || ch == '\f' || ch == '\r';
    }

    /**
     * CSV (RFC 4180 quoting) of the header and the formatted cells, for saving next to the report;
     * thousands separators are dropped from numeric columns.
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        csvLine(b, headers);
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < numeric.length; c++) numeric[c] = numericColumn(c);
        for (List<String> r : rows) {
            List<String> cells = new ArrayList<>(r);
            for (int c = 0; c < numeric.length; c++) if (numeric[c]) cells.set(c, cells.get(c).replace(",", ""));
            csvLine(b, cells);
        }
        return b.toString();
    }

    private static void csvLine(StringBuilder b, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) b.append(',');
            String s = cells.get(c);
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) b.append('"').append(s.replace("\"", "\"\"")).append('"');
            else b.append(s);
        }
        b.append("\r\n");
    }

    /** An HTML table with every cell and the caption escaped. */
    public String toHtml() {
        StringBuilder b = new StringBuilder("<table>\n");
        if (title != null && !title.isBlank()) b.append("<caption>").append(Html.escape(title)).append("</caption>\n");
        boolean[] right = new boolean[headers.size()];
        for (int c = 0; c < right.length; c++) right[c] = numericColumn(c);
        b.append("<thead><tr>");
        for (int c = 0; c < headers.size(); c++)
            b.append(right[c] ? "<th class=\"num\">" : "<th>").append(Html.escape(headers.get(c))).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (int c = 0; c < r.size(); c++)
                b.append(right[c] ? "<td class=\"num\">" : "<td>").append(Html.escape(r.get(c))).append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }
}
