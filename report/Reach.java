package report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reach and frequency of one group: people in the group, people reached (count >= 1), impressions
 * (sum of counts), reach share = reached / people, average frequency = impressions / reached.
 */
public record Reach(String group, long people, long reached, long impressions) {

    public double reachShare() { return people == 0 ? Double.NaN : (double) reached / people; }

    public double averageFrequency() { return reached == 0 ? Double.NaN : (double) impressions / reached; }

    /** Reach over all people. */
    public static Reach of(String group, int[] counts) {
        long reached = 0, imp = 0;
        for (int c : counts) { if (c < 0) throw new IllegalArgumentException(group + ": counts must be >= 0, found " + c); if (c > 0) reached++; imp += c; }
        return new Reach(group, counts.length, reached, imp);
    }

    /** A reach table with one row per group and a total row. */
    public record Table(String title, List<Reach> rows, Reach total) {
        public Table { rows = List.copyOf(rows); }

        public TextTable table() {
            TextTable.Builder b = TextTable.builder(title, "group", "people", "reached", "reach", "impressions", "avg frequency");
            for (Reach r : rows) row(b, r);
            if (total != null) row(b, total);
            return b.build();
        }

        private static void row(TextTable.Builder b, Reach r) {
            b.row(r.group, r.people, r.reached, TextTable.pct(r.reachShare()), r.impressions, r.averageFrequency());
        }

        public String toText() { return table().toText(); }
    }

    /**
     * Reach per segment (e.g. age band, region): counts[i] and segments[i] belong to person i. Null or
     * blank segments form the group "(missing)". Rows are in the natural order of segment labels.
     */
    public static Table bySegment(String title, int[] counts, String[] segments) {
        if (counts.length != segments.length)
            throw new IllegalArgumentException(title + ": " + counts.length + " counts but " + segments.length + " segment labels");
        Map<String, long[]> acc = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            int c = counts[i];
            if (c < 0) throw new IllegalArgumentException(title + ": counts must be >= 0, found " + c + " at person " + i);
            String s = segments[i] == null || segments[i].isBlank() ? "(missing)" : segments[i];
            long[] a = acc.computeIfAbsent(s, k -> new long[3]);
            a[0]++; if (c > 0) a[1]++; a[2] += c;
        }
        List<Reach> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : acc.entrySet()) rows.add(new Reach(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]));
        return new Table(title, rows, of("total", counts));
    }

    /**
     * Reach per group where each group has its own per-person counts over the same population, e.g. one
     * array per ad or per channel. The total row counts a person as reached if any group reached them.
     */
    public static Table perGroup(String title, List<String> groups, List<int[]> countsPerGroup) {
        if (groups.size() != countsPerGroup.size())
            throw new IllegalArgumentException(title + ": " + groups.size() + " group names but " + countsPerGroup.size() + " count arrays");
        List<Reach> rows = new ArrayList<>();
        int n = countsPerGroup.isEmpty() ? 0 : countsPerGroup.get(0).length;
        int[] any = new int[n];
        for (int g = 0; g < groups.size(); g++) {
            int[] c = countsPerGroup.get(g);
            if (c.length != n) throw new IllegalArgumentException(title + ": group '" + groups.get(g) + "' has " + c.length + " people, expected " + n);
            rows.add(of(groups.get(g), c));
            for (int i = 0; i < n; i++) any[i] += c[i];
        }
        return new Table(title, rows, of("total", any));
    }
}
