package slices;

/** How a CSV cell is read: {@code NA} and empty (after trimming blanks) are missing; numbers are decimal. */
public final class Cells {
    private Cells() {}

    public static boolean isMissing(String cell) {
        String t = cell.strip();
        return t.isEmpty() || t.equals("NA");
    }

    /**
     * The cell as a number, NaN when missing.
     *
     * @throws NumberFormatException when the cell holds something else than a finite decimal number
     */
    public static double parse(String cell) {
        String t = cell.strip();
        if (t.isEmpty() || t.equals("NA")) return Double.NaN;
        char last = t.charAt(t.length() - 1);
        // Double.parseDouble also takes "NaN", "Infinity", hex and a trailing d/f: none of them is data here.
        if (!(Character.isDigit(last) || last == '.') || t.indexOf('x') >= 0 || t.indexOf('X') >= 0)
            throw new NumberFormatException(t);
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) throw new NumberFormatException(t);
        return v;
    }

    public static boolean isNumber(String cell) {
        try {
            parse(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
