package synth;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * When exposures and visits happen. Times are whole seconds since {@link #START} (local time, no zone).
 * Exposures fall in [START, END) = 6 weeks from Monday 2026-09-07; the hour is drawn with weight
 * {@code HOUR_WEIGHTS[hour of day] * WEEKDAY_WEIGHTS[day of week]} (prime time 19-23 h, low overnight,
 * weekend higher), the second within the hour uniformly. Visits triggered late in the period may fall
 * after END, up to {@link #VISIT_WINDOW_END} (7 days later); the rare later ones are dropped and counted.
 */
public final class Schedule {
    public static final LocalDate START = LocalDate.of(2026, 9, 7); // a Monday
    public static final int DAYS = 42;
    public static final int FOLLOW_UP_DAYS = 7;
    public static final int END_SECOND = DAYS * 86400;
    public static final int VISIT_WINDOW_END_SECOND = (DAYS + FOLLOW_UP_DAYS) * 86400;

    /** Relative weight of each hour of the day 0..23. */
    static final double[] HOUR_WEIGHTS = {
            0.15, 0.08, 0.05, 0.04, 0.04, 0.08,   // 00-05 overnight
            0.30, 0.50, 0.55, 0.45, 0.40, 0.40,   // 06-11 morning
            0.50, 0.45, 0.45, 0.50, 0.60, 0.80,   // 12-17 afternoon
            1.00, 1.60, 1.80, 1.80, 1.50, 0.70};  // 18-23 evening, prime time 19-23
    /** Relative weight of Monday .. Sunday. */
    static final double[] WEEKDAY_WEIGHTS = {0.95, 0.90, 0.90, 0.95, 1.00, 1.15, 1.20};

    private static final double[] ALIAS_PROB;
    private static final int[] ALIAS;
    /** "yyyy-MM-ddT" for each day of the visit window. */
    private static final byte[][] DAY_PREFIX = new byte[DAYS + FOLLOW_UP_DAYS][];

    static {
        int n = DAYS * 24;
        double[] w = new double[n];
        for (int slot = 0; slot < n; slot++) w[slot] = HOUR_WEIGHTS[slot % 24] * WEEKDAY_WEIGHTS[(slot / 24) % 7];
        double[][] table = alias(w);
        ALIAS_PROB = table[0];
        ALIAS = new int[n];
        for (int i = 0; i < n; i++) ALIAS[i] = (int) table[1][i];
        for (int d = 0; d < DAY_PREFIX.length; d++) {
            DAY_PREFIX[d] = (START.plusDays(d) + "T").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Schedule() {}

    /** Vose's alias method: {prob, alias} for O(1) draws from a discrete distribution. */
    static double[][] alias(double[] weights) {
        int n = weights.length;
        double total = 0;
        for (double x : weights) total += x;
        double[] scaled = new double[n], prob = new double[n], alias = new double[n];
        int[] small = new int[n], large = new int[n];
        int ns = 0, nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1) small[ns++] = i; else large[nl++] = i;
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns], l = large[--nl];
            prob[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) small[ns++] = l; else large[nl++] = l;
        }
        while (nl > 0) prob[large[--nl]] = 1;
        while (ns > 0) prob[small[--ns]] = 1;
        return new double[][] {prob, alias};
    }

    /** A second in [0, END_SECOND) with the daypart and weekday pattern. */
    public static int sampleSecond(Rng rng) {
        double x = rng.nextDouble() * ALIAS_PROB.length;
        int i = (int) x;
        int slot = (x - i) < ALIAS_PROB[i] ? i : ALIAS[i];
        return slot * 3600 + rng.nextInt(3600);
    }

    /** Writes {@code 2026-09-07T20:15:03} for a second in [0, VISIT_WINDOW_END_SECOND). */
    static void writeTimestamp(CsvOut out, int second) {
        int day = second / 86400, s = second - day * 86400;
        out.put(DAY_PREFIX[day]);
        int h = s / 3600, m = (s / 60) % 60, sec = s % 60;
        out.twoDigits(h);
        out.put((byte) ':');
        out.twoDigits(m);
        out.put((byte) ':');
        out.twoDigits(sec);
    }

    public static LocalDateTime toDateTime(int second) {
        return START.atStartOfDay().plusSeconds(second);
    }

    static Map<String, Object> describe() {
        return Json.object(
                "start", START.atStartOfDay().toString() + ":00",
                "end", toDateTime(END_SECOND).toString() + ":00",
                "end_exclusive", true,
                "days", DAYS,
                "visit_window_end", toDateTime(VISIT_WINDOW_END_SECOND).toString() + ":00",
                "time_format", "ISO-8601 local date-time without zone, whole seconds (2026-09-07T20:15:03)",
                "hour_weights", HOUR_WEIGHTS.clone(),
                "weekday_weights", Json.object(
                        "Mon", WEEKDAY_WEIGHTS[0], "Tue", WEEKDAY_WEIGHTS[1], "Wed", WEEKDAY_WEIGHTS[2],
                        "Thu", WEEKDAY_WEIGHTS[3], "Fri", WEEKDAY_WEIGHTS[4], "Sat", WEEKDAY_WEIGHTS[5],
                        "Sun", WEEKDAY_WEIGHTS[6]),
                "within_hour", "uniform second");
    }
}
