package ingest;

import java.nio.charset.StandardCharsets;

/**
 * What counts as a number in people.csv: {@code [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?}, after
 * the CSV trimming of spaces. Not numbers: thousands separators ("1,000" is two fields anyway), "NaN",
 * "Infinity", hex, a trailing unit ("12kg"), a comma decimal separator.
 */
final class Numbers {
    private Numbers() {}

    /** The value of b[s, e) or NaN when it is not a number by the rule above. */
    static double parse(byte[] b, int s, int e) {
        int i = s;
        if (i < e && (b[i] == '+' || b[i] == '-')) i++;
        int intDigits = 0, fracDigits = 0;
        long v = 0;
        while (i < e && b[i] >= '0' && b[i] <= '9') { if (intDigits < 18) v = v * 10 + (b[i] - '0'); intDigits++; i++; }
        boolean simple = true;
        if (i < e && b[i] == '.') {
            simple = false;
            i++;
            while (i < e && b[i] >= '0' && b[i] <= '9') { fracDigits++; i++; }
        }
        if (intDigits + fracDigits == 0) return Double.NaN;
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            simple = false;
            i++;
            if (i < e && (b[i] == '+' || b[i] == '-')) i++;
            int ed = 0;
            while (i < e && b[i] >= '0' && b[i] <= '9') { ed++; i++; }
            if (ed == 0) return Double.NaN;
        }
        if (i != e) return Double.NaN;
        if (simple && intDigits <= 18) return b[s] == '-' ? -v : v;
        return Double.parseDouble(new String(b, s, e - s, StandardCharsets.US_ASCII));
    }

    static boolean isInt(double v) {
        return v == Math.rint(v) && v >= Integer.MIN_VALUE + 1 && v <= Integer.MAX_VALUE && !(v == 0 && 1 / v < 0);
    }
}
