///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES ../tests/storage/SampleTables.java ../storage/*.java ../storage/jdbc/*.java ../storage/s3/*.java
//SOURCES ../tests/s3test/S3TestServer.java
//
// Save/load time of a 1M-row mixed-type table (int, string, double with missing, long, boolean, date,
// instant) per storage backend: filesystem, SQLite (file), PostgreSQL (when STORAGE_TEST_PG_URL/_USER/
// _PASSWORD are set, e.g. from tests/pg/start.sh), and S3 through s3proxy in this JVM (127.0.0.1).
// Each figure is the best of --repeat runs (default 2). Not a test: it prints figures.
// Usage: ./jbang bench/StorageBackendsBench.java [--rows N] [--repeat N]

import s3test.S3TestServer;
import storage.*;
import storage.jdbc.JdbcStore;
import tech.tablesaw.api.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Random;

class StorageBackendsBench {
    public static void main(String[] args) throws Exception {
        int rows = 1_000_000, repeat = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ./jbang bench/StorageBackendsBench.java [--rows N] [--repeat N]");
                    System.exit(2);
                }
            }
        }
        S3TestServer.quietLogging();
        Table t = SampleTables.mixed(rows, 42);
        Path tmp = Files.createTempDirectory("storage-bench");
        System.out.printf("table: %,d rows x %d columns (%s)%n", t.rowCount(), t.columnCount(), String.join(", ", t.columnNames()));
        System.out.printf("%-34s %10s %10s %12s%n", "backend", "save s", "load s", "payload MB");
        try {
            run("file (FileStore, CSV)", Stores.open(tmp.resolve("files").toString()), t, repeat);
            run("SQLite (file, batched INSERT)", Stores.open("jdbc:sqlite:" + tmp.resolve("bench.db")), t, repeat);
            String pg = System.getenv("STORAGE_TEST_PG_URL");
            if (pg != null) run("PostgreSQL (COPY)", JdbcStore.open(pg, System.getenv("STORAGE_TEST_PG_USER"), System.getenv("STORAGE_TEST_PG_PASSWORD")), t, repeat);
            else System.out.printf("%-34s %s%n", "PostgreSQL", "skipped: STORAGE_TEST_PG_URL not set (tests/pg/start.sh)");
            try (S3TestServer s3 = S3TestServer.start(Files.createDirectories(tmp.resolve("s3")))) {
                s3.createBucket("bench");
                s3.useAsDefaultCredentials();
                run("S3 (s3proxy filesystem, CSV)", Stores.open(s3.uri("bench", "b")), t, repeat);
            }
        } finally {
            try (var w = Files.walk(tmp)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void run(String name, Store s, Table t, int repeat) {
        try (s) {
            double save = Double.MAX_VALUE, load = Double.MAX_VALUE;
            long size = 0;
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                Metadata m = s.saveTable("bench/table", t);
                long t1 = System.nanoTime();
                Table back = s.loadTable("bench/table");
                long t2 = System.nanoTime();
                if (back.rowCount() != t.rowCount()) throw new IllegalStateException(name + ": row count differs");
                save = Math.min(save, (t1 - t0) / 1e9);
                load = Math.min(load, (t2 - t1) / 1e9);
                size = m.size();
                s.retain("bench/table", 1);
            }
            System.out.printf("%-34s %10.2f %10.2f %12.1f%n", name, save, load, size / 1e6);
        }
    }
}
