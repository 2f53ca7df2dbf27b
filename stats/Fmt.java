package stats;

import java.util.Locale;

/** Number formatting for the statsmodels-like summary tables (package-private). */
final class Fmt {
    private Fmt() {}

    static final String RULE = "=".repeat(78);
    static final String THIN = "-".repeat(78);

    /** A number in at most {@code width} characters, fixed when readable, scientific otherwise. */
    static String num(double v, int width) {
        if (Double.isNaN(v)) return pad("nan", width);
        if (Double.isInfinite(v)) return pad(v > 0 ? "inf" : "-inf", width);
        double a = Math.abs(v);
        String s;
        if (a == 0) s = "0";
        else if (a >= 1e-4 && a < 1e7) {
            int intDigits = a < 1 ? 1 : (int) Math.floor(Math.log10(a)) + 1;
            int decimals = Math.max(0, Math.min(6, width - intDigits - 3));
            decimals = Math.min(decimals, Math.max(3, 7 - intDigits));
            if (a < 0.01) decimals = Math.max(decimals, 6);
            s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        } else s = String.format(Locale.ROOT, "%.4e", v);
        return pad(s, width);
    }

    static String p(double v, int width) {
        if (Double.isNaN(v)) return pad("nan", width);
        return pad(String.format(Locale.ROOT, "%.3f", v), width);
    }

    static String pad(String s, int width) {
        return s.length() >= width ? " " + s : " ".repeat(width - s.length()) + s;
    }

    /**
     * Width of the term-name column: at least 16, wide enough for the longest name. Names are never cut,
     * because a cut name ("income_bracket[~") cannot tell two dummies apart.
     */
    static int nameWidth(java.util.List<String> names) {
        int w = 16;
        for (String n : names) w = Math.max(w, n.length() + 1);
        return w;
    }

    static String left(String s, int width) {
        if (s.length() > width) s = s.substring(0, width - 1) + "~";
        return s + " ".repeat(width - s.length());
    }

    /** A two-column header line: "label:  value   label:  value" within 78 characters. */
    static String pair(String l1, String v1, String l2, String v2) {
        String a = l1.isEmpty() ? " ".repeat(38) : l1 + ":" + pad(v1, 38 - l1.length() - 1);
        String b = l2.isEmpty() ? "" : l2 + ":" + pad(v2, 38 - l2.length() - 1);
        return a + "  " + b;
    }

    static String g(double v) {
        if (Double.isNaN(v)) return "nan";
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e7)) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
