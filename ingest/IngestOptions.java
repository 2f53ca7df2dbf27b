package ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to read the three input files. Immutable; start from {@link #defaults()} and use the {@code with...}
 * methods, e.g. {@code IngestOptions.defaults().withStrict(true).withThreads(1)}, or set several at once with
 * {@code IngestOptions.builder().strict(true).threads(1).build()} (or {@code options.toBuilder()...}).
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

    public static IngestOptions defaults() { return builder().build(); }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() { return new Builder(); }

    /** A builder starting from these options. */
    public Builder toBuilder() { return new Builder(this); }

    public IngestOptions withThreads(int n) { return toBuilder().threads(n).build(); }
    public IngestOptions withStrict(boolean s) { return toBuilder().strict(s).build(); }
    public IngestOptions withZone(ZoneOffset z) { return toBuilder().zone(z).build(); }
    public IngestOptions withWindow(Instant from, Instant to) { return toBuilder().window(from, to).build(); }
    public IngestOptions withMaxExamples(int n) { return toBuilder().maxExamples(n).build(); }
    public IngestOptions withNumericShare(double s) { return toBuilder().numericShare(s).build(); }
    public IngestOptions withColumnKinds(Map<String, ColumnKind> k) { return toBuilder().columnKinds(k).build(); }
    public IngestOptions withVisitTiming(boolean t) { return toBuilder().visitTiming(t).build(); }
    public IngestOptions withAlertShare(double a) { return toBuilder().alertShare(a).build(); }

    /**
     * Mutable builder of {@link IngestOptions} (the one place that lists every field in constructor order);
     * {@link #build()} checks the values, as the record's constructor does.
     */
    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean strict = false;
        private ZoneOffset zone = ZoneOffset.UTC;
        private Instant windowFrom, windowTo;
        private int maxExamples = 5;
        private double numericShare = 0.99;
        private Map<String, ColumnKind> columnKinds = Map.of();
        private boolean visitTiming = true;
        private double alertShare = 0.01;

        private Builder() {}

        private Builder(IngestOptions o) {
            threads = o.threads; strict = o.strict; zone = o.zone; windowFrom = o.windowFrom; windowTo = o.windowTo;
            maxExamples = o.maxExamples; numericShare = o.numericShare; columnKinds = o.columnKinds;
            visitTiming = o.visitTiming; alertShare = o.alertShare;
        }

        public Builder threads(int n) { threads = n; return this; }
        public Builder strict(boolean s) { strict = s; return this; }
        public Builder zone(ZoneOffset z) { zone = z; return this; }
        public Builder window(Instant from, Instant to) { windowFrom = from; windowTo = to; return this; }
        public Builder maxExamples(int n) { maxExamples = n; return this; }
        public Builder numericShare(double s) { numericShare = s; return this; }
        public Builder columnKinds(Map<String, ColumnKind> k) { columnKinds = k; return this; }
        public Builder visitTiming(boolean t) { visitTiming = t; return this; }
        public Builder alertShare(double a) { alertShare = a; return this; }

        public IngestOptions build() {
            return new IngestOptions(threads, strict, zone, windowFrom, windowTo, maxExamples, numericShare, columnKinds,
                    visitTiming, alertShare);
        }
    }

    /**
     * Declared kinds from comma-separated column lists, as given on a command line ({@code --numeric age,years
     * --categorical zip}); null or blank lists declare nothing. A column named in both is an error.
     */
    public IngestOptions withDeclaredKinds(String numericColumns, String categoricalColumns) {
        Map<String, ColumnKind> k = new LinkedHashMap<>(columnKinds);
        for (String c : names(numericColumns)) k.put(c, ColumnKind.NUMERIC);
        for (String c : names(categoricalColumns)) {
            if (names(numericColumns).contains(c))
                throw new IllegalArgumentException("column '" + c + "' is declared both numeric and categorical");
            k.put(c, ColumnKind.CATEGORICAL);
        }
        return withColumnKinds(k);
    }

    private static List<String> names(String list) {
        if (list == null || list.isBlank()) return List.of();
        return Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
