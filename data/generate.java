///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx256m -XX:+UseSerialGC
//SOURCES ../synth/*.java
// Synthetic data with known true parameters: people.csv, exposures.csv, site_visits.csv, truth.json.
// Thin script: parses arguments and calls synth.Generator (the model is documented there and in truth.json).
import java.nio.file.Files;
import java.nio.file.Path;

class generate {
    static final String USAGE = """
            Usage: ./jbang data/generate.java --people N --seed S --out DIR [--gzip] [--missing-rate R]
                                      [--missing-mechanism mcar|mar] [--true-values]

              --people N        number of people (1 .. 2147483647)
              --seed S          random seed (a long); the same seed gives byte-identical files
              --out DIR         output folder (created if absent; existing files of the same names are replaced)
              --gzip            write people.csv.gz, exposures.csv.gz, site_visits.csv.gz instead of .csv
              --missing-rate R  share of blank cells per demographic column (default 0.03)
              --missing-mechanism mcar|mar
                                mcar (default): every cell blank with the rate; mar: the chance depends on other
                                columns (age on the exposure count, income on gender, household size on region)
              --true-values     also write DIR/people_true.csv: the same people with no blank cell
              --help            this text

            Writes DIR/people.csv, DIR/exposures.csv, DIR/site_visits.csv and DIR/truth.json (true parameters
            and counts). Exposures and visits are grouped by person in person_id order.""";

    public static void main(String[] args) throws Exception {
        Integer people = null;
        Long seed = null;
        Path out = null;
        boolean gzip = false;
        double missingRate = synth.Generator.DEFAULT_MISSING_RATE;
        synth.MissingMechanism mechanism = synth.MissingMechanism.MCAR;
        boolean trueValues = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                case "--gzip" -> gzip = true;
                case "--true-values" -> trueValues = true;
                case "--missing-mechanism" -> {
                    String v = value(args, i++);
                    try {
                        mechanism = synth.MissingMechanism.parse(v);
                    } catch (IllegalArgumentException e) {
                        fail("--missing-mechanism expects mcar or mar, got '" + v + "'");
                    }
                }
                case "--people" -> {
                    String v = value(args, i++);
                    try {
                        people = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        people = -1;
                    }
                    if (people < 1) fail("--people expects a whole number >= 1, got '" + v + "'");
                }
                case "--seed" -> {
                    String v = value(args, i++);
                    try {
                        seed = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        fail("--seed expects a whole number (a Java long), got '" + v + "'");
                    }
                }
                case "--out" -> out = Path.of(value(args, i++));
                case "--missing-rate" -> {
                    String v = value(args, i++);
                    try {
                        missingRate = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        missingRate = Double.NaN;
                    }
                    if (!(missingRate >= 0 && missingRate < 1)) fail("--missing-rate expects a number in [0, 1), got '" + v + "'");
                }
                default -> fail("unknown argument '" + a + "'");
            }
        }
        if (people == null) fail("missing --people N");
        if (seed == null) fail("missing --seed S");
        if (out == null) fail("missing --out DIR");
        if (Files.exists(out) && !Files.isDirectory(out)) fail("--out " + out + " exists and is not a directory");
        synth.Generator.Config config = new synth.Generator.Config(people, seed, out, gzip, missingRate, mechanism, trueValues);
        for (Path stale : config.staleFiles()) {
            System.err.println("generate: warning: " + stale + " is from another run (other format) and will not match truth.json");
        }
        long t0 = System.nanoTime();
        synth.Generator.Counts c;
        try {
            c = synth.Generator.run(config);
        } catch (java.io.IOException e) {
            fail("cannot write to " + out + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            return;
        }
        System.out.printf("generate: %d people, %d exposures, %d site visits (seed %d) -> %s in %.1f s%n",
                c.people(), c.exposures(), c.siteVisits(), seed, out, (System.nanoTime() - t0) / 1e9);
    }

    static String value(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) fail(args[i] + " needs a value");
        return args[i + 1];
    }

    static void fail(String message) {
        System.err.println("generate: " + message + " (try --help)");
        System.exit(2);
    }
}
