package ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dictionary of a low-cardinality event column (ad_id, channel_id): label -> small code, at most
 * {@link #MAX} codes because per-person distinct counts use a 64-bit set. Codes are given in order of
 * first sight, which depends on thread timing; every output is sorted by label, so results do not.
 * Workers use a {@link Local} cache and touch the shared map only for a label they have not seen.
 */
final class Codebook {
    static final int MAX = 64;
    final String file, column;
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> labels = new ArrayList<>();

    Codebook(String file, String column) {
        this.file = file;
        this.column = column;
    }

    synchronized int code(String label) {
        Integer c = codes.get(label);
        if (c != null) return c;
        if (labels.size() == MAX)
            throw new IngestException(file + ": more than " + MAX + " distinct values in column '" + column
                    + "' (the next one is " + Issue.quote(label) + "); the reader counts distinct values per person in a 64-bit set");
        codes.put(label, labels.size());
        labels.add(label);
        return labels.size() - 1;
    }

    synchronized List<String> labels() { return List.copyOf(labels); }

    /** A worker's lock-free cache in front of the shared dictionary. */
    final class Local {
        private final byte[][] keys = new byte[256][];
        private final int[] vals = new int[256];

        int code(byte[] b, int s, int e) {
            int h = PersonIndex.hash(b, s, e);
            int i = h & 255;
            while (true) {
                byte[] k = keys[i];
                if (k == null) break;
                if (Arrays.equals(k, 0, k.length, b, s, e)) return vals[i];
                i = (i + 1) & 255;
            }
            byte[] key = Arrays.copyOfRange(b, s, e);
            int c = Codebook.this.code(new String(key, StandardCharsets.UTF_8));
            keys[i] = key;
            vals[i] = c;
            return c;
        }
    }
}
