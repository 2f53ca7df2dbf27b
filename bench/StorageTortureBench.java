///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES ../storage/*.java ../storage/jdbc/*.java ../storage/s3/*.java
//SOURCES ../tests/s3test/S3TestServer.java
//
// Crash and concurrency figures for the storage backends (not a test: it prints what it found).
//   kills:   a child JVM saves 0.5-4 MB payloads in a loop, printing each acknowledged version and its
//            SHA-256; it is killed with SIGKILL after a random 0.2-3 s, --kills times per backend. Then
//            every acknowledged version must load with its SHA-256 (lost / wrong are counted), and after
//            one more save the file store must hold no partial payload (leftovers are counted).
//   writers: --procs child JVMs x 4 threads x 25 saves to one key, plus this process; every value must be
//            there exactly once.
// Backends: filesystem, SQLite, S3 (s3proxy in this JVM on 127.0.0.1), PostgreSQL when STORAGE_TEST_PG_URL
// (+ _USER/_PASSWORD, e.g. from tests/pg/start.sh) is set.
// Usage: ./jbang bench/StorageTortureBench.java [--kills N] [--procs N] [--backends file,sqlite,s3,pg]

import s3test.S3TestServer;
import storage.*;
import storage.jdbc.JdbcStore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

class StorageTortureBench {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args);
            return;
        }
        int kills = 20, procs = 4;
        List<String> backends = new ArrayList<>(List.of("file", "sqlite", "s3", "pg"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--procs" -> procs = Integer.parseInt(args[++i]);
                case "--backends" -> backends = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: ./jbang bench/StorageTortureBench.java [--kills N] [--procs N] [--backends file,sqlite,s3,pg]");
                    System.exit(2);
                }
            }
        }
        S3TestServer.quietLogging();
        Path tmp = Files.createTempDirectory("storage-torture");
        S3TestServer s3 = null;
        Map<String, String> childEnv = new HashMap<>();
        System.out.printf("%-7s %6s %8s %5s %6s %10s   %s%n", "backend", "kills", "acked", "lost", "wrong", "leftovers", "writers (lost of saved)");
        for (String b : backends) {
            String uri;
            switch (b) {
                case "file" -> uri = tmp.resolve("file-store").toString();
                case "sqlite" -> uri = "jdbc:sqlite:" + tmp.resolve("sqlite/store.db");
                case "s3" -> {
                    if (s3 == null) {
                        s3 = S3TestServer.start();
                        s3.useAsDefaultCredentials();
                    }
                    s3.createBucket("torture");
                    uri = s3.uri("torture", "bench");
                    childEnv.putAll(Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY,
                            "AWS_REGION", S3TestServer.REGION));
                }
                case "pg" -> {
                    String url = System.getenv("STORAGE_TEST_PG_URL");
                    if (url == null) {
                        System.out.printf("%-7s skipped: STORAGE_TEST_PG_URL is not set (tests/pg/start.sh)%n", b);
                        continue;
                    }
                    uri = url;
                    childEnv.put("STORAGE_JDBC_USER", System.getenv("STORAGE_TEST_PG_USER"));
                    childEnv.put("STORAGE_JDBC_PASSWORD", System.getenv("STORAGE_TEST_PG_PASSWORD"));
                }
                default -> throw new IllegalArgumentException("unknown backend " + b);
            }
            try (Store store = b.equals("pg") ? JdbcStore.open(uri, System.getenv("STORAGE_TEST_PG_USER"), System.getenv("STORAGE_TEST_PG_PASSWORD"))
                    : Stores.open(uri)) {
                String key = "torture/" + UUID.randomUUID().toString().substring(0, 8);
                Map<Long, String> acked = new TreeMap<>();
                Random rnd = new Random(7);
                for (int k = 0; k < kills; k++) {
                    Process p = start(childEnv, "child", "save-loop", store.uri(), key, Integer.toString(k));
                    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    String line;   // READY: the JVM is up and the store open; kill after a random time from here
                    while ((line = r.readLine()) != null && !line.equals("READY")) { /* start-up noise */ }
                    if (line == null) throw new IllegalStateException("child did not start");
                    Thread reader = new Thread(() -> {
                        try {
                            String l;
                            while ((l = r.readLine()) != null) {
                                String[] f = l.split(" ");
                                if (f[0].equals("SAVED")) synchronized (acked) { acked.put(Long.parseLong(f[1]), f[2]); }
                            }
                        } catch (Exception ignored) {
                            // the child was killed
                        }
                    });
                    reader.start();
                    Thread.sleep(200 + rnd.nextInt(2800));
                    p.destroyForcibly();
                    p.waitFor(60, TimeUnit.SECONDS);
                    reader.join(10_000);
                }
                int lost = 0, wrong = 0;
                for (Map.Entry<Long, String> e : acked.entrySet()) {
                    try {
                        if (!Hashing.sha256Hex(store.loadBytes(key, e.getKey())).equals(e.getValue())) wrong++;
                    } catch (StorageException.NotFound nf) {
                        lost++;
                    }
                }
                store.saveBytes(key, new byte[]{1});
                String leftovers = b.equals("file") ? Long.toString(partialFiles(Path.of(uri).resolve(key).resolve("@versions"))) : "n/a";
                String writers = writers(store, childEnv, procs);
                System.out.printf("%-7s %6d %8d %5d %6d %10s   %s%n", b, kills, acked.size(), lost, wrong, leftovers, writers);
            }
        }
        if (s3 != null) s3.close();
        System.out.println("kills: SIGKILL of a child JVM mid-save; acked: saves the child was told succeeded; lost/wrong: acked"
                + " versions that do not load / load other bytes; leftovers: files of partial versions after the next save");
    }

    /** procs children x 4 threads x 25 saves plus 25 from here, all to one key: "lost L of N". */
    static String writers(Store store, Map<String, String> env, int procs) throws Exception {
        String key = "writers/" + UUID.randomUUID().toString().substring(0, 8);
        List<Process> ps = new ArrayList<>();
        for (int p = 0; p < procs; p++) ps.add(start(env, "child", "writers", store.uri(), key, "p" + p));
        for (int i = 0; i < 25; i++) store.saveObject(key, "parent-" + i);
        for (Process p : ps) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("writer failed: " + out);
        }
        Set<String> expected = new HashSet<>();
        for (int p = 0; p < procs; p++) for (int t = 0; t < 4; t++) for (int i = 0; i < 25; i++) expected.add("p" + p + "-" + t + "-" + i);
        for (int i = 0; i < 25; i++) expected.add("parent-" + i);
        Set<String> got = new HashSet<>();
        for (long v : store.versions(key)) got.add(store.loadObject(key, v, String.class));
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(got);
        return procs + " procs x 4 threads x 25 + 25: lost " + missing.size() + " of " + expected.size()
                + (got.size() == expected.size() ? "" : " (" + got.size() + " distinct values stored)");
    }

    static Process start(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "StorageTortureBench"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Files inside version folders that have no manifest (what killed writers left behind). */
    static long partialFiles(Path versions) throws Exception {
        long n = 0;
        try (Stream<Path> dirs = Files.list(versions)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (Files.exists(d.resolve("manifest.json"))) continue;
                try (Stream<Path> f = Files.list(d)) {
                    n += f.count();
                }
            }
        }
        return n;
    }

    /** Child modes: {@code save-loop URI KEY SEED} saves forever; {@code writers URI KEY TAG} saves 4 x 25 objects. */
    static void child(String[] a) throws Exception {
        S3TestServer.quietLogging();
        Store store = Stores.open(a[2]);
        if (a[1].equals("save-loop")) {
            Random rnd = new Random(Long.parseLong(a[4]));
            System.out.println("READY");
            System.out.flush();
            while (true) {
                byte[] b = new byte[(1 << 19) + rnd.nextInt(7 << 19)];
                rnd.nextBytes(b);
                long v = store.saveBytes(a[3], b).version();
                System.out.println("SAVED " + v + " " + Hashing.sha256Hex(b));
                System.out.flush();
            }
        }
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 25; i++) store.saveObject(a[3], a[4] + "-" + id + "-" + i);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join();
        if (!errors.isEmpty()) {
            errors.get(0).printStackTrace();
            System.exit(3);
        }
        System.out.println("DONE");
        store.close();
    }
}
