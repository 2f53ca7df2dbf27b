///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx1g
//SOURCES ../ingest/*.java
//SOURCES ../synth/*.java
// Ingestion benchmark: generates data at a given scale with the synth generator (or uses --dir as is when
// it already holds the three files), then reads it with ingest.Ingest and prints per file and in total:
// MB/s, rows/s, wall time, peak heap and peak RSS. A benchmark prints figures; it is never a timed test.
//
// Usage: ./jbang bench/IngestBench.java [--people N] [--seed S] [--dir DIR] [--gzip] [--threads T]
//                                       [--runs R] [--no-timing] [--shuffle]
//   --people N   people to generate (default 1000000; ~10 exposures and ~2 visits per person)
//   --dir DIR    data folder; generated there when it lacks the files (default: a temp folder, deleted)
//   --runs R     ingest R times in this JVM and report each run (default 3; the first includes JIT warm-up)
//   --shuffle    read a copy of DIR whose event rows are in random order (made once with coreutils shuf into
//                DIR-shuffled): the generator writes events grouped by person, real logs are not, and random
//                person order costs cache misses (plain files only)
import ingest.*;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

class IngestBench {
    public static void main(String[] args) throws Exception {
        int people = 1_000_000, threads = Runtime.getRuntime().availableProcessors(), runs = 3;
        long seed = 1;
        Path dir = null;
        boolean gzip = false, timing = true, shuffle = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> people = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--gzip" -> gzip = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--no-timing" -> timing = false;
                case "--shuffle" -> shuffle = true;
                case "--help" -> { System.out.println("see the comment at the top of bench/IngestBench.java"); return; }
                default -> { System.err.println("IngestBench: unknown argument '" + args[i] + "' (try --help)"); System.exit(2); }
            }
        }
        boolean temp = dir == null;
        if (temp) dir = Files.createTempDirectory("ingest-bench");
        String ext = gzip ? ".csv.gz" : ".csv";
        if (!Files.exists(dir.resolve("exposures" + ext))) {
            long g0 = System.nanoTime();
            System.out.printf("generating %,d people into %s ...%n", people, dir);
            synth.Generator.run(new synth.Generator.Config(people, seed, dir, gzip, synth.Generator.DEFAULT_MISSING_RATE));
            System.out.printf("generated in %.1f s%n", (System.nanoTime() - g0) / 1e9);
        }
        Path readDir = shuffle && !gzip ? shuffled(dir) : dir;
        IngestOptions o = IngestOptions.defaults().withThreads(threads).withVisitTiming(timing);
        System.out.printf("JVM: %d cores, max heap %d MB, threads %d, visit timing %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, threads, timing ? "on" : "off");
        double bestWall = Double.MAX_VALUE;
        for (int r = 1; r <= runs; r++) {
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
            AtomicLong sampledPeak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                var mem = ManagementFactory.getMemoryMXBean();
                while (!Thread.currentThread().isInterrupted()) {
                    sampledPeak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                    try { Thread.sleep(5); } catch (InterruptedException e) { return; }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Dataset d = Ingest.load(readDir, o);
            double wall = (System.nanoTime() - t0) / 1e9;
            bestWall = Math.min(bestWall, wall);
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            sampler.interrupt();
            sampler.join();
            long poolPeaks = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
                if (p.getType() == MemoryType.HEAP) poolPeaks += p.getPeakUsage().getUsed();
            System.out.printf("%nrun %d%n", r);
            System.out.printf("  %-28s %10s %12s %9s %9s %12s%n", "file", "MB", "rows", "wall s", "MB/s", "rows/s");
            long bytes = 0, rows = 0;
            for (FileReport f : d.report().files()) {
                double mb = f.bytes() / 1e6;
                System.out.printf("  %-28s %10.1f %,12d %9.2f %9.1f %,12.0f%n", Path.of(f.file()).getFileName(), mb, f.rowsRead(),
                        f.seconds(), mb / f.seconds(), f.rowsRead() / f.seconds());
                bytes += f.bytes();
                rows += f.rowsRead();
            }
            System.out.printf("  %-28s %10.1f %,12d %9.2f %9.1f %,12.0f%n", "total (incl. tables, aggregates)", bytes / 1e6, rows, wall,
                    bytes / 1e6 / wall, rows / wall);
            System.out.printf("  process CPU %.2f s (all threads incl. GC/JIT); CPU/%d cores = %.2f s -> %.1f MB/s if the cores were ours alone; load average %.1f%n",
                    cpu, Runtime.getRuntime().availableProcessors(), cpu / Runtime.getRuntime().availableProcessors(),
                    bytes / 1e6 / Math.max(wall * 0 + cpu / Runtime.getRuntime().availableProcessors(), 1e-9), os.getSystemLoadAverage());
            System.out.printf("  peak heap used: %d MB sampled every 5 ms, %d MB sum of pool peaks; peak RSS (VmHWM) %s%n",
                    sampledPeak.get() >> 20, poolPeaks >> 20, vmHwm());
            System.gc();
            long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("  heap retained after a full GC, holding the Dataset: %d MB (%.0f bytes per person)%n",
                    retained >> 20, (double) retained / d.aggregates().people());
            System.out.printf("  %,d people, %,d exposures, %,d visits accepted; problems: %s%n", d.aggregates().people(),
                    d.aggregates().exposures(), d.aggregates().visits(), d.report().clean() ? "none" : "see report");
            if (!d.report().clean()) System.out.print(d.report().toText());
        }
        pandasBaseline(readDir, bestWall);
        if (temp)
            for (Path p0 : readDir.equals(dir) ? List.of(dir) : List.of(dir, readDir))
                try (Stream<Path> s = Files.walk(p0)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
    }

    /**
     * The notebook baseline on the same files, same machine: bench/pandas_baseline.py (pandas read_csv +
     * groupby) under the first python3 that has pandas (Debian: apt-get install python3-pandas).
     */
    static void pandasBaseline(Path dir, double bestWall) throws Exception {
        Path script = Path.of("bench/pandas_baseline.py");
        if (!Files.exists(script) || !Files.exists(dir.resolve("exposures.csv"))) {
            System.out.println("\npandas: not run (needs bench/pandas_baseline.py from the project root and plain .csv files)");
            return;
        }
        for (String python : List.of("python3", "/usr/bin/python3")) {
            Process check = new ProcessBuilder(python, "-c", "import pandas").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            if (check.waitFor() != 0) continue;
            System.out.println("\npandas baseline (" + python + " " + script + " " + dir + "):");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(python, script.toString(), dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            double secs = (System.nanoTime() - t0) / 1e9;
            out.lines().forEach(l -> System.out.println("  " + l));
            System.out.printf("  ratio: pandas %.1f s (whole process) / ingest best run %.2f s = %.1fx%n", secs, bestWall, secs / bestWall);
            return;
        }
        System.out.println("\npandas: no python3 with pandas here (Debian: apt-get install python3-pandas); the notes measured"
                + " pandas 1.5.3 read_csv + groupby.size at 12.3 s for 10M rows / 344 MB (28 MB/s), peak RSS 2.0 GB.");
    }

    static Path shuffled(Path dir) throws Exception {
        Path out = dir.resolveSibling(dir.getFileName() + "-shuffled");
        if (Files.exists(out.resolve("site_visits.csv"))) return out;
        Files.createDirectories(out);
        Files.copy(dir.resolve("people.csv"), out.resolve("people.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (String f : new String[] {"exposures.csv", "site_visits.csv"}) {
            System.out.println("shuffling " + f + " into " + out + " ...");
            Process p = new ProcessBuilder("bash", "-c", "(head -n 1 \"$1\"; tail -n +2 \"$1\" | shuf --random-source=<(yes)) > \"$2\"",
                    "shuffle", dir.resolve(f).toString(), out.resolve(f).toString()).inheritIO().start();
            if (p.waitFor() != 0) throw new IllegalStateException("shuf failed for " + f);
        }
        return out;
    }

    static String vmHwm() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status")))
                if (l.startsWith("VmHWM:")) return l.substring(6).trim();
        } catch (Exception e) { /* not Linux */ }
        return "n/a";
    }
}
