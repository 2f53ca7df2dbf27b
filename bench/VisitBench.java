///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx12g -XX:+UseParallelGC -XX:TieredStopAtLevel=1
//SOURCES ../model/*.java ../stats/*.java ../ingest/*.java ../synth/*.java ../report/*.java ../storage/*.java
// Cost of the visit-lift analysis relative to the main job, in one JVM on generated people. Prints figures;
// never a test. The main job's work = ingest + exploratory tables + the exposure models (OLS, Poisson, NB2,
// 5-fold CV: what analysis.java runs by default); the visit lift adds (ingest keeping event times - plain
// ingest) + VisitLift.analyse. Target (issue 18): added / main <= 20% at 1M people.
//
// Usage: ./jbang bench/VisitBench.java [--people N] [--seed S] [--dir DIR]
//   --people N  people to generate (default 1000000)
//   --dir DIR   data folder; generated there when it lacks people.csv (default: a temp folder, deleted)
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

class VisitBench {
    public static void main(String[] args) throws Exception {
        int people = 1_000_000;
        long seed = 1;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> people = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--help" -> { System.out.println("see the comment at the top of bench/VisitBench.java"); return; }
                default -> { System.err.println("VisitBench: unknown argument '" + args[i] + "' (try --help)"); System.exit(2); }
            }
        }
        boolean temp = dir == null;
        if (temp) dir = Files.createTempDirectory("visit-bench");
        if (!Files.exists(dir.resolve("people.csv"))) {
            long g0 = System.nanoTime();
            System.out.printf("generating %,d people into %s ...%n", people, dir);
            synth.Generator.run(new synth.Generator.Config(people, seed, dir));
            System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - g0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "JVM: %d cores, max heap %d MB; load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        var opts = ingest.IngestOptions.defaults();
        ingest.Ingest.load(dir, opts); // warm-up: JIT and page cache, for both ingests alike

        long c0 = cpu();
        long t = System.nanoTime();
        ingest.Dataset ds = ingest.Ingest.load(dir, opts);
        double load = secs(t);
        double loadCpu = (cpu() - c0) / 1e9;
        t = System.nanoTime();
        report.ExposureReport eda = report.ExposureReport.build(ds);
        double edaS = secs(t);
        t = System.nanoTime();
        var fit = model.ExposureModels.fit(ds.persons(), model.ExposureSpec.preferred("exposures", ds.demographics()), model.FitOptions.defaults());
        double models = secs(t);
        double mainCpu = (cpu() - c0) / 1e9;
        ds = null; eda = null; fit = null;
        System.gc();

        var events = new ingest.EventTimes.Collector();
        c0 = cpu();
        t = System.nanoTime();
        ingest.Dataset de = ingest.Ingest.load(dir, opts, events);
        double loadEvents = secs(t);
        double loadEventsCpu = (cpu() - c0) / 1e9;
        c0 = cpu();
        long heapBefore = used();
        t = System.nanoTime();
        model.VisitLiftResult r = model.VisitLift.analyse(de, events.result(), model.VisitLiftOptions.defaults());
        double lift = secs(t);
        double liftCpu = (cpu() - c0) / 1e9;
        long heapAfter = used();

        double main = load + edaS + models, added = loadEvents - load + lift;
        System.out.printf(Locale.ROOT, "people %,d, exposures %,d, visits %,d%n", de.persons().rowCount(), events.result().exposures(), events.result().visits());
        System.out.printf(Locale.ROOT, "main job: ingest %.2f s + exploratory %.2f s + exposure models %.2f s = %.2f s%n", load, edaS, models, main);
        System.out.printf(Locale.ROOT, "visit lift: ingest keeping event times %.2f s (+%.2f s) + analysis %.2f s = %.2f s added%n", loadEvents, loadEvents - load, lift, added);
        System.out.println("visit lift steps (s): " + r.seconds());
        System.out.printf(Locale.ROOT, "heap in use after ingest with event times %,d MB, after the analysis %,d MB%n", heapBefore >> 20, heapAfter >> 20);
        System.out.printf(Locale.ROOT, "ratio added / main job = %.3f wall (target <= 0.20)%n", added / main);
        // CPU time is less sensitive to other load on a shared machine than wall time
        double addedCpu = loadEventsCpu - loadCpu + liftCpu;
        System.out.printf(Locale.ROOT, "process CPU: main job %.1f s (ingest %.1f s); added: ingest %+.1f s + visit lift %.1f s; ratio added / main job = %.3f CPU%n",
                mainCpu, loadCpu, loadEventsCpu - loadCpu, liftCpu, addedCpu / mainCpu);
        System.out.printf(Locale.ROOT, "check: naive slope %.5f, adjusted average lift %.5f, delay mean %.2f h%n",
                r.naive().estimate(), r.averageLift().estimate(), r.timing().delayMean());
        if (temp) try (Stream<Path> s = Files.walk(dir)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double secs(long t0) { return (System.nanoTime() - t0) / 1e9; }

    static long used() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
