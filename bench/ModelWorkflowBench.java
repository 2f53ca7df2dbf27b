///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx4g -XX:+UseParallelGC -XX:TieredStopAtLevel=1
//SOURCES ../model/*.java ../stats/*.java ../ingest/*.java ../synth/*.java
//SOURCES ../report/*.java
//SOURCES ../storage/*.java
// Exposure-model workflow benchmark (package model) on generated people, end to end from the per-person
// table: design, OLS (full summary + HC3 + VIF), Poisson, NB2, 5-fold CV of all three on shared folds,
// diagnostics, model card (+ save to a FileStore), and scoring people.csv with drift. bench/ModelBench.java
// (stats) times the bare fits on arrays; this one times what analysis.java runs. Prints figures; never a test.
//
// Usage: ./jbang bench/ModelWorkflowBench.java [--people N] [--seed S] [--dir DIR] [--folds K] [--bootstrap R] [--runs R]
//   --people N     people to generate (default 1000000)
//   --dir DIR      data folder; generated there when it lacks people.csv (default: a temp folder, deleted)
//   --bootstrap R  bootstrap replicates per model (default 0: skipped; one-step resamples, one pass over the design each)
//   --runs R       repeat the fit R times in this JVM (default 2; the first includes JIT warm-up)
import model.*;
import stats.ModelKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

class ModelWorkflowBench {
    public static void main(String[] args) throws Exception {
        int people = 1_000_000, folds = 5, boot = 0, runs = 2;
        long seed = 1;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> people = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--folds" -> folds = Integer.parseInt(args[++i]);
                case "--bootstrap" -> boot = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--help" -> { System.out.println("see the comment at the top of bench/ModelWorkflowBench.java"); return; }
                default -> { System.err.println("ModelWorkflowBench: unknown argument '" + args[i] + "' (try --help)"); System.exit(2); }
            }
        }
        boolean temp = dir == null;
        if (temp) dir = Files.createTempDirectory("model-bench");
        if (!Files.exists(dir.resolve("people.csv"))) {
            long g0 = System.nanoTime();
            System.out.printf("generating %,d people into %s ...%n", people, dir);
            synth.Generator.run(new synth.Generator.Config(people, seed, dir));
            System.out.printf("generated in %.1f s%n", (System.nanoTime() - g0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "JVM: %d cores, max heap %d MB; load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long t0 = System.nanoTime();
        ingest.Dataset d = ingest.Ingest.load(dir);
        System.out.printf(Locale.ROOT, "ingest: %,d people in %.2f s%n", d.persons().rowCount(), (System.nanoTime() - t0) / 1e9);
        ExposureSpec spec = ExposureSpec.generatorParameterisation();
        FitOptions o = FitOptions.defaults().withFolds(folds).withBootstrap(boot);
        ExposureModelResult r = null;
        for (int run = 1; run <= runs; run++) {
            System.gc();
            long f0 = System.nanoTime();
            r = ExposureModels.fit(d.persons(), spec, o);
            double wall = (System.nanoTime() - f0) / 1e9;
            var s = r.seconds();
            double fits = s.get("ols") + s.get("poisson") + s.get("negative_binomial");
            System.out.printf(Locale.ROOT, "%nrun %d: n=%,d, p=%d%n", run, r.rowsUsed(), r.names().size());
            s.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-24s %8.2f s%n", k, v));
            System.out.printf(Locale.ROOT, "  %-24s %8.2f s   (target: OLS <= 2 s)%n", "OLS full summary+HC3", s.get("ols"));
            System.out.printf(Locale.ROOT, "  %-24s %8.2f s%n", "fit all three", fits);
            System.out.printf(Locale.ROOT, "  %-24s %8.2f s   (target: <= 20 s)%n", folds + "-fold CV, all three", s.get("cv_total"));
            System.out.printf(Locale.ROOT, "  %-24s %8.2f s%n", "fit three + CV", fits + s.get("cv_total"));
            System.out.printf(Locale.ROOT, "  %-24s %8.2f s%n", "whole fit() call", wall);
        }
        System.out.println();
        System.out.print(r.choice().summary());
        long c0 = System.nanoTime();
        ModelCard card = ModelCard.of(r, r.recommended(), InputFingerprint.of(d));
        double cardS = (System.nanoTime() - c0) / 1e9;
        Path storeDir = Files.createTempDirectory("model-bench-store");
        long s0 = System.nanoTime();
        var meta = card.save(storage.Stores.open(storeDir.toString()), ModelCard.DEFAULT_KEY);
        double saveS = (System.nanoTime() - s0) / 1e9;
        long p0 = System.nanoTime();
        Scoring sc = Predictor.of(card).score(dir.resolve("people.csv"));
        double predS = (System.nanoTime() - p0) / 1e9;
        System.out.printf(Locale.ROOT, "model card (incl. SHA-256 of the inputs): %.2f s; save: %.3f s, %,d bytes JSON%n", cardS, saveS, meta.size());
        System.out.printf(Locale.ROOT, "predict: read + score + drift of %,d people: %.2f s; max PSI %.5f%n", sc.ids().size(), predS,
                sc.drift().all().stream().mapToDouble(DriftRow::psi).max().orElse(Double.NaN));
        try (Stream<Path> st = Files.walk(storeDir)) { st.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        if (temp) try (Stream<Path> st = Files.walk(dir)) { st.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
    }
}
