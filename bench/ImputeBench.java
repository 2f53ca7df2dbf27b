///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx6g
//SOURCES ../impute/*.java
//SOURCES ../synth/*.java
// Time per imputation strategy (fit + transform) on synth.CorrelatedPeople, MAR blanks: prints seconds per
// strategy, the share of rows with a blank, and age RMSE / income accuracy against the true values.
// Usage: ./jbang bench/ImputeBench.java [--people N] [--rate R] [--threads T] [--runs K] [--only knn,mean,...]
import impute.*;
import synth.CorrelatedPeople;
import synth.MissingMechanism;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

class ImputeBench {
    public static void main(String[] args) {
        int people = 1_000_000, threads = Runtime.getRuntime().availableProcessors(), runs = 1;
        double rate = 0.1;
        List<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> people = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                default -> {
                    System.err.println("ImputeBench: unknown argument '" + args[i] + "'");
                    System.exit(2);
                }
            }
        }
        long t0 = System.nanoTime();
        CorrelatedPeople p = CorrelatedPeople.simulate(people, 1, rate, MissingMechanism.MAR);
        Table t = Table.create("people",
                DoubleColumn.create("age", p.age()), StringColumn.create("income_bracket", blanks(p.income())),
                DoubleColumn.create("household_size", p.household()), StringColumn.create("region", blanks(p.region())),
                StringColumn.create("gender", p.gender()), DoubleColumn.create("score", p.score()));
        int withBlank = 0;
        for (int i = 0; i < people; i++) if (Double.isNaN(p.age()[i]) || p.income()[i] == null || Double.isNaN(p.household()[i]) || p.region()[i] == null) withBlank++;
        System.out.printf(Locale.ROOT, "ImputeBench: %,d people, MAR rate %.2f, %,d rows with a blank (%.1f%%), %d threads, %d cores; data built in %.1f s%n",
                people, rate, withBlank, 100.0 * withBlank / people, threads, Runtime.getRuntime().availableProcessors(), (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%-11s %9s %9s %9s %10s %9s%n", "strategy", "fit s", "apply s", "total s", "age RMSE", "inc acc");
        ImputeOptions o = ImputeOptions.defaults().withThreads(threads);
        for (Strategy s : List.of(Strategy.MEAN, Strategy.MEDIAN, Strategy.MODE, Strategy.INDICATOR, Strategy.KNN, Strategy.REGRESSION, Strategy.ITERATIVE)) {
            if (only != null && !only.contains(s.cli())) continue;
            double bestFit = Double.MAX_VALUE, bestApply = Double.MAX_VALUE;
            Table filled = null;
            for (int r = 0; r < runs; r++) {
                long a = System.nanoTime();
                FittedImputer f = Imputer.of(s).options(o).fit(t);
                long b = System.nanoTime();
                filled = f.transform(t);
                long c = System.nanoTime();
                bestFit = Math.min(bestFit, (b - a) / 1e9);
                bestApply = Math.min(bestApply, (c - b) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%-11s %9.2f %9.2f %9.2f %10.2f %9.3f%n", s.cli(), bestFit, bestApply, bestFit + bestApply, rmse(p, filled), accuracy(p, filled));
        }
    }

    static String[] blanks(String[] v) {
        String[] o = new String[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i] == null ? "" : v[i];
        return o;
    }

    static double rmse(CorrelatedPeople p, Table f) {
        double ss = 0;
        int n = 0;
        DoubleColumn age = f.doubleColumn("age");
        for (int i = 0; i < p.n(); i++) if (Double.isNaN(p.age()[i])) { double d = age.getDouble(i) - p.ageTrue()[i]; ss += d * d; n++; }
        return Math.sqrt(ss / n);
    }

    static double accuracy(CorrelatedPeople p, Table f) {
        if (!f.column("income_bracket").type().name().equals("STRING")) return Double.NaN;
        StringColumn inc = f.stringColumn("income_bracket");
        int hit = 0, n = 0;
        for (int i = 0; i < p.n(); i++) if (p.income()[i] == null) { n++; if (inc.get(i).equals(p.incomeTrue()[i])) hit++; }
        return (double) hit / n;
    }
}
