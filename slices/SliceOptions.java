package slices;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@code slices.java}, parsed and checked (no file access here).
 *
 * @param file       the CSV or .csv.gz to read (may be null only in a pure {@code --combine} run)
 * @param by         slice column
 * @param x          predictor columns, in the order given
 * @param y          response column
 * @param na         missing-value strategy for the predictors
 * @param out        output folder for models_combined.csv and models_tidy.csv
 * @param store      storage URI the per-slice models are saved to (null: {@code <out>/store})
 * @param plots      folder for the chart (null: no chart); default {@code <out>/plots} when --out is given
 * @param onlySlice  fit just this slice (a Nextflow task); null: all slices
 * @param listSlices print the slice values, one a line, sorted, and stop
 * @param combine    per-slice output folders to merge (empty: not a combine run)
 * @param threads    fitting threads (0: all cores)
 * @param quiet      do not print the combined table
 */
public record SliceOptions(Path file, String by, List<String> x, String y, NaStrategy na, Path out, String store,
                           Path plots, String onlySlice, boolean listSlices, List<Path> combine, int threads,
                           boolean quiet) {

    public static final String USAGE = """
            Usage: ./jbang slices.java FILE.csv[.gz] --by COL --x COL[,COL...] --y COL [options]

            Slices FILE by the values of --by, fits y ~ x by ordinary least squares in every slice (in parallel),
            and combines the models into one table, sorted by slice.

              --by COL           slice column (rows where it is missing are left out and counted)
              --x COL[,COL...]   numeric predictor column(s)
              --y COL            numeric response column
              --na STRATEGY      missing predictor values (NA or empty cell): drop (default) | mean | median | mode
                                 | knn | regression | mice. Each imputes from the same slice's rows: knn = mean of
                                 the 5 nearest rows (nan-euclidean over the other predictors), regression = linear
                                 regression on the other predictors, mice = 20 imputations by chained equations,
                                 one OLS each, pooled by Rubin's rules. A missing y is always dropped
              --out DIR          output folder (default: out/slices); writes
                                   DIR/models_combined.csv  one row per slice: <by>,n,intercept,<x>...,
                                                            <term>_se...,r_squared,adj_r_squared,rmse,status,reason
                                   DIR/models_tidy.csv      slice,term,estimate,std_error,t,p_value,ci_low,ci_high
              --store URI        where each slice's model is saved as JSON (default: DIR/store)
              --plots DIR        folder for the chart report, DIR/index.html (default: <--out>/plots when --out is
                                 given, else plots/slices); --no-plots: none
              --threads N        fitting threads (default: all cores)
              --quiet            do not print the combined table
              --help             this text

            Steps of the Nextflow workflow (pipeline/main.nf), usable by hand too:
              --list-slices             print the slice values, one a line, in output order, and stop
                                        (checks --x/--y too when they are given)
              --only-slice VALUE        fit that one slice; DIR gets the same two files with just its rows
              --combine PART_DIR...     merge folders written by --only-slice into DIR (FILE and --by/--x/--y
                                        optional; given, they are checked against the parts and draw the chart)

            A slice that cannot be fitted (too few rows, a constant predictor, collinear predictors) gets a row
            with status 'failed' and its reason.

            Exit codes (the same for every job of this project, see cli.ExitCode):
            """ + cli.ExitCode.table();

    /** Parses the arguments; {@code Optional.empty()} means --help was asked for. */
    public static Optional<SliceOptions> parse(String[] args) {
        Path file = null, out = Path.of("out", "slices"), plots = Path.of("plots", "slices");
        boolean outGiven = false, plotsGiven = false;
        String by = null, y = null, store = null, onlySlice = null;
        List<String> x = null;
        NaStrategy na = NaStrategy.DROP;
        boolean listSlices = false, quiet = false;
        List<Path> combine = new ArrayList<>();
        int threads = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> { return Optional.empty(); }
                case "--by" -> by = value(args, ++i, a);
                case "--x" -> x = splitColumns(value(args, ++i, a));
                case "--y" -> y = value(args, ++i, a);
                case "--na" -> na = NaStrategy.parse(value(args, ++i, a));
                case "--out" -> { out = Path.of(value(args, ++i, a)); outGiven = true; }
                case "--store" -> store = value(args, ++i, a);
                case "--plots" -> { plots = Path.of(value(args, ++i, a)); plotsGiven = true; }
                case "--no-plots" -> { plots = null; plotsGiven = true; }
                case "--only-slice" -> onlySlice = valueAllowingDashes(args, ++i, a);
                case "--list-slices" -> listSlices = true;
                case "--quiet" -> quiet = true;
                case "--threads" -> {
                    String v = value(args, ++i, a);
                    try {
                        threads = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        threads = -1;
                    }
                    if (threads < 0) throw new UsageError("--threads needs a whole number >= 0, not '" + v + "'");
                }
                case "--combine" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) combine.add(Path.of(args[++i]));
                    if (combine.isEmpty()) throw new UsageError("--combine needs at least one folder written by --only-slice");
                }
                default -> {
                    if (a.startsWith("-")) throw new UsageError("unknown option '" + a + "' (try --help)");
                    if (file != null) throw new UsageError("one input file only: got '" + file + "' and '" + a + "'");
                    file = Path.of(a);
                }
            }
        }
        // a run told where its outputs go keeps its chart there too (as the Nextflow workflow does)
        if (outGiven && !plotsGiven) plots = out.resolve("plots");
        boolean combining = !combine.isEmpty();
        if (combining && (onlySlice != null || listSlices))
            throw new UsageError("--combine cannot be used with --only-slice or --list-slices");
        if (onlySlice != null && listSlices) throw new UsageError("--only-slice and --list-slices exclude each other");
        if (!combining || file != null) {
            if (file == null) throw new UsageError("no input file given (usage: slices.java FILE.csv --by COL --x COL --y COL; try --help)");
            if (by == null) throw new UsageError("--by COL is required (the column to slice by)");
            if (!listSlices || x != null || y != null) {
                if (x == null) throw new UsageError("--x COL[,COL...] is required (the predictor columns)");
                if (y == null) throw new UsageError("--y COL is required (the response column)");
                checkNames(by, x, y);
            }
        }
        return Optional.of(new SliceOptions(file, by, x == null ? List.of() : x, y, na, out, store, plots, onlySlice,
                listSlices, List.copyOf(combine), threads, quiet));
    }

    /** The store URI in force: --store, else {@code <out>/store}. */
    public String storeUri() {
        return store != null ? store : out.resolve("store").toString();
    }

    private static void checkNames(String by, List<String> x, String y) {
        Set<String> seen = new LinkedHashSet<>();
        for (String c : x) if (!seen.add(c)) throw new UsageError("--x names column '" + c + "' twice");
        if (x.contains(y)) throw new UsageError("column '" + y + "' is both --y and in --x");
        if (x.contains(by)) throw new UsageError("column '" + by + "' is both --by and in --x");
        if (by.equals(y)) throw new UsageError("column '" + by + "' is both --by and --y");
        for (String c : x) {
            if (ModelTables.RESERVED.contains(c) || c.endsWith("_se"))
                throw new UsageError("predictor '" + c + "' would clash with an output column of models_combined.csv ("
                        + String.join(", ", ModelTables.RESERVED) + ", *_se); rename it in the file");
        }
        if (ModelTables.RESERVED.contains(by))
            throw new UsageError("--by column '" + by + "' would clash with an output column of models_combined.csv; rename it in the file");
    }

    private static List<String> splitColumns(String v) {
        List<String> cols = new ArrayList<>();
        for (String c : v.split(",", -1)) {
            String t = c.strip();
            if (t.isEmpty()) throw new UsageError("--x '" + v + "' has an empty column name");
            cols.add(t);
        }
        return List.copyOf(cols);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--"))
            throw new UsageError(option + " needs a value (try --help)");
        return args[i];
    }

    private static String valueAllowingDashes(String[] args, int i, String option) {
        if (i >= args.length) throw new UsageError(option + " needs a value (try --help)");
        return args[i];
    }
}
