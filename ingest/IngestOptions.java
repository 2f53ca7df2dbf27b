package ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * How to read the three input files. Immutable; start from {@link #defaults()} and use the {@code with...}
 * methods, e.g. {@code IngestOptions.defaults().withStrict(true).withThreads(1)}.
 *
 * @param threads          worker threads for the event files (default: available processors). Results are
 *                         identical for every value.
 * @param strict           stop at the first problem with an {@link IngestException} (default: continue and
 *                         count every problem in the {@link IngestReport})
 * @param zone             fixed UTC offset used (a) to interpret timestamps that carry no offset and (b) to
 *                         cut days, hours and weekdays. Timestamps with an offset ({@code Z}, {@code +02:00})
 *                         are converted to this offset. Default UTC.
 * @param windowFrom       earliest accepted event time, or null to derive it from the data (see
 *                         {@link TimeWindow})
 * @param windowTo         latest accepted event time (inclusive), or null to derive it from the data
 * @param maxExamples      how many example locations (file:line:column) the report keeps per problem kind
 * @param numericShare     a people.csv column is numeric when at least this share of its non-empty values
 *                         are numbers (default 0.99; 1.0 = "every value"); the other values are reported
 *                         as {@link Problem#BAD_NUMBER} and become missing
 * @param columnKinds      explicit kinds for people.csv columns by name (overrides detection)
 * @param visitTiming      keep the visit times (8 bytes per visit) to answer "visits within 1/24/72 h
 *                         after an exposure"; false keeps memory strictly per person and leaves
 *                         {@link Aggregates#timing()} empty
 * @param alertShare       a file that loses more than this share of its rows (default 0.01 = 1%), or a
 *                         column with more than this share of its cells set to missing as non-numbers,
 *                         gets an alert line in {@link IngestReport#alerts()} (for stderr) naming the
 *                         dominant problem and its first location; 1.0 = alert only when every row is lost
 */
public record IngestOptions(int threads, boolean strict, ZoneOffset zone, Instant windowFrom, Instant windowTo,
                            int maxExamples, double numericShare, Map<String, ColumnKind> columnKinds,
                            boolean visitTiming, double alertShare) {

    /** Longest person_id, ad_id or channel_id accepted (bytes of UTF-8); a longer one is {@link Problem#TOO_LONG}. */
    public static final int MAX_ID_BYTES = 256;
    /** Longest people.csv demographic value accepted (bytes of UTF-8); a longer one is {@link Problem#TOO_LONG}. */
    public static final int MAX_LABEL_BYTES = 1024;

    public IngestOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        Objects.requireNonNull(zone, "zone");
        if (maxExamples < 0) throw new IllegalArgumentException("maxExamples must be >= 0");
        if (!(numericShare > 0 && numericShare <= 1)) throw new IllegalArgumentException("numericShare must be in (0, 1]");
        if (!(alertShare >= 0 && alertShare <= 1)) throw new IllegalArgumentException("the alert share must be between 0 and 1 (0-100 %), got " + alertShare);
        columnKinds = Map.copyOf(columnKinds);
        if (windowFrom != null && windowTo != null && windowFrom.isAfter(windowTo))
            throw new IllegalArgumentException("windowFrom " + windowFrom + " is after windowTo " + windowTo);
    }

    public static IngestOptions defaults() {
        return new IngestOptions(Runtime.getRuntime().availableProcessors(), false, ZoneOffset.UTC, null, null,
                5, 0.99, Map.of(), true, 0.01);
    }

    public IngestOptions withThreads(int n) { return new IngestOptions(n, strict, zone, windowFrom, windowTo, maxExamples, numericShare, columnKinds, visitTiming, alertShare); }
    public IngestOptions withStrict(boolean s) { return new IngestOptions(threads, s, zone, windowFrom, windowTo, maxExamples, numericShare, columnKinds, visitTiming, alertShare); }
    public IngestOptions withZone(ZoneOffset z) { return new IngestOptions(threads, strict, z, windowFrom, windowTo, maxExamples, numericShare, columnKinds, visitTiming, alertShare); }
    public IngestOptions withWindow(Instant from, Instant to) { return new IngestOptions(threads, strict, zone, from, to, maxExamples, numericShare, columnKinds, visitTiming, alertShare); }
    public IngestOptions withMaxExamples(int n) { return new IngestOptions(threads, strict, zone, windowFrom, windowTo, n, numericShare, columnKinds, visitTiming, alertShare); }
    public IngestOptions withNumericShare(double s) { return new IngestOptions(threads, strict, zone, windowFrom, windowTo, maxExamples, s, columnKinds, visitTiming, alertShare); }
    public IngestOptions withColumnKinds(Map<String, ColumnKind> k) { return new IngestOptions(threads, strict, zone, windowFrom, windowTo, maxExamples, numericShare, k, visitTiming, alertShare); }
    public IngestOptions withVisitTiming(boolean t) { return new IngestOptions(threads, strict, zone, windowFrom, windowTo, maxExamples, numericShare, columnKinds, t, alertShare); }
    public IngestOptions withAlertShare(double a) { return new IngestOptions(threads, strict, zone, windowFrom, windowTo, maxExamples, numericShare, columnKinds, visitTiming, a); }

    /**
     * Declared kinds from comma-separated column lists, as given on a command line ({@code --numeric age,years
     * --categorical zip}); null or blank lists declare nothing. A column named in both is an error.
     */
    public IngestOptions withDeclaredKinds(String numericColumns, String categoricalColumns) {
        Map<String, ColumnKind> k = new java.util.LinkedHashMap<>(columnKinds);
        for (String c : names(numericColumns)) k.put(c, ColumnKind.NUMERIC);
        for (String c : names(categoricalColumns)) {
            if (names(numericColumns).contains(c))
                throw new IllegalArgumentException("column '" + c + "' is declared both numeric and categorical");
            k.put(c, ColumnKind.CATEGORICAL);
        }
        return withColumnKinds(k);
    }

    private static java.util.List<String> names(String list) {
        if (list == null || list.isBlank()) return java.util.List.of();
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
