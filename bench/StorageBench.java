///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../storage/*.java ../tests/storage/SampleTables.java
//
// Storage benchmark: save/load of a mixed-type table through a store, next to Tablesaw's own plain CSV
// write/read of the same table in the same JVM (Tablesaw is given the column types, so neither side infers).
// MB/s counts the CSV payload size. The store adds SHA-256, a manifest, fsyncs, locking and typed parsing.
//
// Usage: ./jbang bench/StorageBench.java [--rows N] [--rounds R] [--store URI_OR_DIR]
//   default: 1,000,000 rows, 3 measured rounds after 1 warm-up, a temporary directory store.
import storage.*;
import tech.tablesaw.api.*;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.nio.file.*;
import java.time.*;
import java.util.*;

public class StorageBench {
    public static void main(String[] args) throws Exception {
        int rows = 1_000_000, rounds = 3;
        String where = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--store" -> where = args[++i];
                default -> {
                    System.err.println("StorageBench: unknown argument '" + args[i] + "' (use --rows N, --rounds R, --store URI)");
                    System.exit(2);
                }
            }
        }
        Path tmp = Files.createTempDirectory("storagebench");
        Store store = Stores.open(where == null ? tmp.resolve("store").toString() : where);
        Table t = SampleTables.mixed(rows, 42);
        ColumnType[] types = t.columns().stream().map(c -> c.type()).toArray(ColumnType[]::new);
        Path plain = tmp.resolve("plain.csv");

        double[] tsW = new double[rounds], tsR = new double[rounds], stW = new double[rounds], stR = new double[rounds];
        long payload = 0, plainSize = 0;
        for (int r = -1; r < rounds; r++) { // round -1 warms up the JIT
            long t0 = System.nanoTime();
            t.write().csv(plain.toFile());
            long t1 = System.nanoTime();
            Table back = Table.read().usingOptions(CsvReadOptions.builder(plain.toFile()).columnTypes(types).build());
            long t2 = System.nanoTime();
            Metadata m = store.saveTable("bench/mixed", t);
            long t3 = System.nanoTime();
            Table back2 = store.loadTable("bench/mixed");
            long t4 = System.nanoTime();
            if (back.rowCount() != rows || back2.rowCount() != rows) throw new IllegalStateException("row count mismatch");
            payload = m.size();
            plainSize = Files.size(plain);
            store.retain("bench/mixed", 1);
            if (r >= 0) {
                tsW[r] = (t1 - t0) / 1e9; tsR[r] = (t2 - t1) / 1e9; stW[r] = (t3 - t2) / 1e9; stR[r] = (t4 - t3) / 1e9;
            }
        }
        double mb = payload / 1e6, plainMb = plainSize / 1e6;
        double a = median(tsW), b = median(tsR), c = median(stW), d = median(stR);
        System.out.printf(Locale.ROOT, "table: %,d rows x %d columns %s; store payload %.1f MB, Tablesaw CSV %.1f MB; median of %d rounds; %s%n",
                rows, t.columnCount(), Arrays.toString(t.columnNames().toArray()), mb, plainMb, rounds, store.uri());
        System.out.printf(Locale.ROOT, "%-26s %8s %9s %8s%n", "", "seconds", "MB/s", "ratio");
        System.out.printf(Locale.ROOT, "%-26s %8.2f %9.1f %8s%n", "Tablesaw CSV write", a, plainMb / a, "1.00");
        System.out.printf(Locale.ROOT, "%-26s %8.2f %9.1f %8.2f%n", "store.saveTable", c, mb / c, c / a);
        System.out.printf(Locale.ROOT, "%-26s %8.2f %9.1f %8s%n", "Tablesaw CSV read (typed)", b, plainMb / b, "1.00");
        System.out.printf(Locale.ROOT, "%-26s %8.2f %9.1f %8.2f%n", "store.loadTable", d, mb / d, d / b);
        System.out.printf(Locale.ROOT, "save ratio %.2fx, load ratio %.2fx (target <= 1.5x)%n", c / a, d / b);
        try (var s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
