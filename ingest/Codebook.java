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

    /** A worker's lock-free cache in front of the shared dictionary (labels of <= 8 bytes as packed longs). */
    final class Local {
        private final long[] packed = new long[256];
        private final int[] packedVals = new int[256];
        private final byte[][] keys = new byte[256][];
        private final int[] vals = new int[256];

        int code(byte[] b, int s, int e) {
            long k = PersonIndex.pack(b, s, e);
            if (k != 0) {
                int i = PersonIndex.mix(k) & 255;
                while (true) {
                    long v = packed[i];
                    if (v == k) return packedVals[i];
                    if (v == 0) break;
                    i = (i + 1) & 255;
                }
                int c = Codebook.this.code(new String(b, s, e - s, StandardCharsets.UTF_8));
                packed[i] = k;
                packedVals[i] = c;
                return c;
            }
            int h = PersonIndex.hash(b, s, e);
            int i = h & 255;
            while (true) {
                byte[] key = keys[i];
                if (key == null) break;
                if (Arrays.equals(key, 0, key.length, b, s, e)) return vals[i];
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
