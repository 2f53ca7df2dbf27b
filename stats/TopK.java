package stats;

/**
 * The k largest of a stream of (row, value) pairs in O(n log k) time and O(k) memory, on primitives: a
 * binary min-heap whose root is the weakest entry kept. Order: larger value first, ties to the lower row
 * (rows are usually offered in increasing order, which makes this the order a stable descending sort
 * gives). NaN ranks below every number (it is kept only when fewer than k numbers were offered).
 * Not thread-safe; allocation-free after construction.
 */
public final class TopK {
    private final int k;
    private final int[] row;
    private final double[] key, value;
    private int size;

    public TopK(int k) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        this.k = k;
        row = new int[k];
        key = new double[k];
        value = new double[k];
    }

    /** The indices of the k largest values of v, largest first (ties: lower index first; NaN last). */
    public static int[] largest(double[] v, int k) {
        TopK t = new TopK(Math.min(k, v.length));
        for (int i = 0; i < v.length; i++) t.offer(i, v[i]);
        return t.rows();
    }

    public void offer(int r, double v) {
        if (k == 0) return;
        double kv = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        if (size < k) {
            int i = size++;
            row[i] = r; key[i] = kv; value[i] = v;
            siftUp(i);
        } else if (weaker(0, kv, r)) {
            row[0] = r; key[0] = kv; value[0] = v;
            siftDown(0, size);
        }
    }

    /** Entries kept so far. */
    public int size() { return size; }

    /** Rows of the kept entries, strongest first. */
    public int[] rows() {
        int[] out = new int[size];
        int[] order = order();
        for (int j = 0; j < size; j++) out[j] = row[order[j]];
        return out;
    }

    /** Values of the kept entries (as offered, NaN included), strongest first. */
    public double[] values() {
        double[] out = new double[size];
        int[] order = order();
        for (int j = 0; j < size; j++) out[j] = value[order[j]];
        return out;
    }

    /** Heap slots, strongest first (insertion sort: k is small). */
    private int[] order() {
        int[] o = new int[size];
        for (int j = 0; j < size; j++) {
            int i = j;
            while (i > 0 && weaker(o[i - 1], key[j], row[j])) { o[i] = o[i - 1]; i--; }
            o[i] = j;
        }
        return o;
    }

    /** Whether heap slot s ranks below the entry (kv, r). */
    private boolean weaker(int s, double kv, int r) {
        return key[s] < kv || (key[s] == kv && row[s] > r);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!weaker(i, key[parent], row[parent])) break; // slot i is not weaker than its parent
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) return;
            int c = l + 1 < n && weaker(l + 1, key[l], row[l]) ? l + 1 : l; // the weaker child
            if (!weaker(c, key[i], row[i])) return;
            swap(i, c);
            i = c;
        }
    }

    private void swap(int a, int b) {
        int r = row[a]; row[a] = row[b]; row[b] = r;
        double t = key[a]; key[a] = key[b]; key[b] = t;
        t = value[a]; value[a] = value[b]; value[b] = t;
    }
}
