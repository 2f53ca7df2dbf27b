///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
// Runs every test script in tests/ (files named *Test.java), each in its own JVM through the project's
// launcher, and prints one closing line exactly `N passed, N failed, N skipped` summed over all of them.
// Each test script is also runnable alone (`./jbang tests/StorageTest.java`); separate JVMs keep each
// script's dependencies (e.g. the S3 test server's) from clashing with the others'.
//
// Usage: ./jbang tests/run.java [--only NAME[,NAME...]]
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

class run {
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) passed, (\\d+) failed, (\\d+) skipped$");

    public static void main(String[] args) throws Exception {
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only") && i + 1 < args.length) only.addAll(List.of(args[++i].split(",")));
            else if (args[i].equals("--help")) {
                System.out.println("Usage: ./jbang tests/run.java [--only NAME[,NAME...]]  runs tests/*Test.java");
                return;
            } else {
                System.err.println("tests/run.java: unknown argument '" + args[i] + "' (try --help)");
                System.exit(2);
            }
        }
        Path testsDir = locateTestsDir();
        Path root = testsDir.getParent();
        String launcher = root.resolve("jbang").toString();
        List<Path> scripts;
        try (Stream<Path> s = Files.list(testsDir)) {
            scripts = s.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted().toList();
        }
        if (!only.isEmpty()) {
            scripts = scripts.stream().filter(p -> only.stream().anyMatch(o -> p.getFileName().toString().contains(o))).toList();
        }
        int passed = 0, failed = 0, skipped = 0;
        List<String> lines = new ArrayList<>();
        for (Path script : scripts) {
            String name = script.getFileName().toString();
            System.out.println("=== " + name);
            long t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(launcher, root.relativize(script).toString())
                    .directory(root.toFile()).redirectErrorStream(true);
            Process proc = pb.start();
            int[] counts = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("  " + line);
                    Matcher m = SUMMARY.matcher(line.trim());
                    if (m.matches()) counts = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
                }
            }
            int code = proc.waitFor();
            double secs = (System.nanoTime() - t0) / 1e9;
            if (counts == null) {
                counts = new int[] {0, 1, 0};
                System.out.println("  FAILED " + name + " printed no summary line (exit code " + code + "): it did not compile or crashed");
            } else if (code != 0 && counts[1] == 0) {
                counts[1] = 1;
                System.out.println("  FAILED " + name + " exited with code " + code);
            }
            passed += counts[0];
            failed += counts[1];
            skipped += counts[2];
            lines.add(String.format("%-28s %4d passed %4d failed %4d skipped  %6.1f s", name, counts[0], counts[1], counts[2], secs));
        }
        System.out.println();
        lines.forEach(System.out::println);
        if (passed + failed + skipped == 0) {
            System.out.println("no test ran: that is a failure");
            failed = 1;
        }
        System.out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        System.exit(failed > 0 ? 1 : 0);
    }

    private static Path locateTestsDir() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tests/run.java")) && Files.isRegularFile(p.resolve("jbang"))) return p.resolve("tests");
        }
        throw new IOException("run from inside the project: no tests/run.java above " + cwd);
    }
}
