package ingest;

/**
 * Byte-level ISO-8601 date-time parser. Accepted forms:
 * {@code YYYY-MM-DD[T|t| ]HH:MM[:SS[(.|,)F{1,9}]][Z|z|+HH:MM|+HHMM|+HH|-...]}. The result is UTC epoch
 * seconds; fractional seconds are truncated toward the earlier second (times are kept at 1 s resolution).
 * A timestamp without an offset is read in the given default offset (the {@link IngestOptions#zone()}).
 * Calendar fields are validated (month 1-12, day within the month incl. leap years, hour 0-23, minute and
 * second 0-59).
 */
public final class Timestamps {
    private Timestamps() {}

    /** Returned for an unparseable timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    /** Human description of the accepted forms, used in messages. */
    public static final String EXPECTED = "an ISO-8601 date-time like 2026-09-07T20:15:03 (T or space; optional .fraction; optional Z or +02:00)";

    public static long parse(String s, int defaultOffsetSeconds) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return parse(b, 0, b.length, defaultOffsetSeconds);
    }

    public static long parse(byte[] b, int s, int e, int defaultOffsetSeconds) {
        int n = e - s;
        if (n < 16) return INVALID;
        int y = d4(b, s);
        if (y < 0 || b[s + 4] != '-') return INVALID;
        int mo = d2(b, s + 5);
        if (mo < 1 || mo > 12 || b[s + 7] != '-') return INVALID;
        int d = d2(b, s + 8);
        if (d < 1 || d > daysInMonth(y, mo)) return INVALID;
        byte sep = b[s + 10];
        if (sep != 'T' && sep != ' ' && sep != 't') return INVALID;
        int h = d2(b, s + 11);
        if (h < 0 || h > 23 || b[s + 13] != ':') return INVALID;
        int mi = d2(b, s + 14);
        if (mi < 0 || mi > 59) return INVALID;
        int p = s + 16;
        int sec = 0;
        if (p < e && b[p] == ':') {
            if (p + 3 > e) return INVALID;
            sec = d2(b, p + 1);
            if (sec < 0 || sec > 59) return INVALID;
            p += 3;
            if (p < e && (b[p] == '.' || b[p] == ',')) {
                int q = p + 1;
                while (q < e && b[q] >= '0' && b[q] <= '9') q++;
                int digits = q - p - 1;
                if (digits < 1 || digits > 9) return INVALID;
                p = q;
            }
        }
        int off;
        if (p == e) off = defaultOffsetSeconds;
        else if (b[p] == 'Z' || b[p] == 'z') {
            if (p + 1 != e) return INVALID;
            off = 0;
        } else if (b[p] == '+' || b[p] == '-') {
            int sign = b[p] == '-' ? -1 : 1;
            int rest = e - p - 1;
            int oh, om = 0;
            if (rest == 2) oh = d2(b, p + 1);
            else if (rest == 4) { oh = d2(b, p + 1); om = d2(b, p + 3); }
            else if (rest == 5 && b[p + 3] == ':') { oh = d2(b, p + 1); om = d2(b, p + 4); }
            else return INVALID;
            if (oh < 0 || oh > 18 || om < 0 || om > 59) return INVALID;
            off = sign * (oh * 3600 + om * 60);
        } else return INVALID;
        long days = epochDay(y, mo, d);
        return days * 86400L + h * 3600L + mi * 60L + sec - off;
    }

    private static int d2(byte[] b, int i) {
        int a = b[i] - '0', c = b[i + 1] - '0';
        if (a < 0 || a > 9 || c < 0 || c > 9) return -1;
        return a * 10 + c;
    }

    private static int d4(byte[] b, int i) {
        int a = d2(b, i), c = d2(b, i + 2);
        return a < 0 || c < 0 ? -1 : a * 100 + c;
    }

    static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
