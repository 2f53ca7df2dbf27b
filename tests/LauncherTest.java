///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES testkit/JUnitMain.java
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ./jbang launcher, exercised as a user would: real bash child processes. Installs go to temp
 * JBANG_DIRs from a file:// Maven mirror built from the jars this machine already verified, so the
 * tests need no network and can corrupt a jar on purpose.
 */
public class LauncherTest {
    public static void main(String[] args) { testkit.JUnitMain.runAndExit(args, LauncherTest.class); }

    static Path root;
    static Path installedJars;

    @BeforeAll
    static void locate() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("jbang")) || !Files.isDirectory(root.resolve("tests"))) {
            root = root.getParent();
            if (root == null) throw new IllegalStateException("run from inside the project");
        }
        // The launcher that runs this test installed (and verified) jbang-cli; find its jars.
        String home = System.getenv().getOrDefault("JBANG_DIR", System.getProperty("user.home") + "/.jbang");
        installedJars = Path.of(home, "launcher", "jbang-cli-" + version());
    }

    static String version() throws IOException {
        return Files.readAllLines(root.resolve("jbang")).stream()
                .filter(l -> l.startsWith("JBANG_LAUNCHER_VERSION="))
                .findFirst().orElseThrow().split("=")[1];
    }

    /** Manifest lines "sha256 maven/path.jar" embedded in the launcher. */
    static List<String[]> manifest() throws IOException {
        List<String[]> out = new ArrayList<>();
        boolean in = false;
        for (String l : Files.readAllLines(root.resolve("jbang"))) {
            if (l.equals("JARS")) in = false;
            if (in) out.add(l.split(" "));
            if (l.endsWith("<<'JARS'")) in = true;
        }
        return out;
    }

    record Result(int code, String out, String err) {}

    static Result launch(Map<String, String> env, Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("jbang").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("JBANG_LAUNCHER_IGNORE_PATH", "1");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out"), err = Files.createTempFile("launcher", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "launcher did not finish");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Path mirror(Path dir, String corruptJar) throws IOException {
        assumeInstalled();
        for (String[] entry : manifest()) {
            String path = entry[1], name = path.substring(path.lastIndexOf('/') + 1);
            Path target = dir.resolve(path);
            Files.createDirectories(target.getParent());
            byte[] bytes = Files.readAllBytes(installedJars.resolve(name));
            if (name.equals(corruptJar)) bytes[bytes.length / 2] ^= 1;
            Files.write(target, bytes);
        }
        return dir;
    }

    static void assumeInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(installedJars),
                "jbang-cli was not installed by ./jbang in " + installedJars + " (a jbang on PATH ran this test)");
    }

    @Test
    void argumentsArriveIntactAndExitCodesPassThrough(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("echoargs.java"), """
                class echoargs {
                    public static void main(String[] a) {
                        for (String s : a) System.out.println("<" + s + ">");
                        System.exit(a.length > 0 && a[0].equals("fail") ? 3 : 0);
                    }
                }
                """);
        String[] tricky = {"a b", "\"quoted\"", "'single'", "$HOME", "*", "line1\nline2", "semi;colon", "back\\slash"};
        List<String> args = new ArrayList<>(List.of(tmp.resolve("echoargs.java").toString()));
        args.addAll(List.of(tricky));
        Result r = launch(Map.of(), tmp, args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        StringBuilder expected = new StringBuilder();
        for (String s : tricky) expected.append('<').append(s).append(">\n");
        assertEquals(expected.toString(), r.out());

        Result failing = launch(Map.of(), tmp, tmp.resolve("echoargs.java").toString(), "fail");
        assertEquals(3, failing.code());
    }

    @Test
    void jbangsOwnExitCodesPassThrough(@TempDir Path tmp) throws Exception {
        Result r = launch(Map.of(), tmp, tmp.resolve("does-not-exist.java").toString());
        assertNotEquals(0, r.code());
        assertNotEquals(255, r.code());
    }

    /** A JAVA_HOME at tmp/jdk whose bin/java says it is {@code specVersion} when asked for its settings. */
    static Map<String, String> fakeJdk(Path tmp, String specVersion) throws IOException {
        Path fakeJava = tmp.resolve("jdk/bin/java");
        Files.createDirectories(fakeJava.getParent());
        Files.writeString(fakeJava, "#!/bin/sh\necho '    java.specification.version = " + specVersion + "' >&2\n");
        fakeJava.toFile().setExecutable(true);
        return Map.of("JAVA_HOME", tmp.resolve("jdk").toString());
    }

    @Test
    void tooOldJavaGivesAClearMessage(@TempDir Path tmp) throws Exception {
        Result r = launch(fakeJdk(tmp, "11"), tmp, "version");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Java 11") && r.err().contains("needs Java 17 or newer"), r.err());
    }

    @Test
    void theJavaVersionIsReadFromTheJdksReleaseFileWithoutStartingIt(@TempDir Path tmp) throws Exception {
        // The launcher reads JAVA_VERSION from <jdk>/release (starting the JVM to ask cost ~40 ms of every run):
        // this fake java would say 17, its release file says 11, and the release file is what counts.
        Map<String, String> jdk = fakeJdk(tmp, "17");
        Files.writeString(tmp.resolve("jdk/release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\nOS_NAME=\"Linux\"\n");
        Result r = launch(jdk, tmp, "version");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Java 11.0.2") && r.err().contains("needs Java 17 or newer"), r.err());
        // an unreadable version in the release file: the JVM is asked, as before
        Files.writeString(tmp.resolve("jdk/release"), "JAVA_VERSION=\"\"\n");
        Result asked = launch(fakeJdk(tmp, "11"), tmp, "version");
        assertEquals(1, asked.code());
        assertTrue(asked.err().contains("Java 11 ") || asked.err().contains("Java 11;"), asked.err());
    }

    @Test
    void noJavaGivesAClearMessage(@TempDir Path tmp) throws Exception {
        // A PATH with the shell tools the launcher needs but no java.
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "basename", "sed", "head", "cut", "mkdir", "env")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::exists).findFirst().orElseThrow();
            // Wrapper scripts rather than symlinks: JUnit warns when deleting links that leave the temp dir.
            Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
            bin.resolve(tool).toFile().setExecutable(true);
        }
        Result r = launch(Map.of("PATH", bin.toString(), "JAVA_HOME", ""), tmp, "version");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no Java found"), r.err());
    }

    @Test
    void racingFreshInstallsBothSucceedFromTheMirror(@TempDir Path tmp) throws Exception {
        Path repo = mirror(tmp.resolve("m2"), null);
        Path home = tmp.resolve("jbanghome");
        Map<String, String> env = Map.of("JBANG_DIR", home.toString(), "JBANG_LAUNCHER_REPO", repo.toUri().toString());
        List<Thread> threads = new ArrayList<>();
        List<Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try { results.add(launch(env, tmp, "version")); } catch (Exception e) { throw new RuntimeException(e); }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        assertEquals(2, results.size());
        for (Result r : results) {
            assertEquals(0, r.code(), r.err());
            assertEquals(version(), r.out().trim());
        }
        try (Stream<Path> s = Files.list(home.resolve("launcher"))) {
            assertEquals(List.of("jbang-cli-" + version()), s.map(p -> p.getFileName().toString()).toList(),
                    "exactly one install and no leftover temp folders");
        }
    }

    @Test
    void aCorruptedJarIsRefused(@TempDir Path tmp) throws Exception {
        Path repo = mirror(tmp.resolve("m2"), "picocli-4.7.7.jar");
        Path home = tmp.resolve("jbanghome");
        Result r = launch(Map.of("JBANG_DIR", home.toString(), "JBANG_LAUNCHER_REPO", repo.toUri().toString()), tmp, "version");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("checksum mismatch for info/picocli/picocli/4.7.7/picocli-4.7.7.jar"), r.err());
        assertFalse(Files.exists(home.resolve("launcher/jbang-cli-" + version())), "nothing installed");
        try (Stream<Path> s = Files.list(home.resolve("launcher"))) {
            assertEquals(0, s.count(), "temp download removed");
        }
    }

    // ------------------------------------------------------------------ build lock (issue 12)

    /** A script with a sourced helper class, so a build writes more than one class into the jar. */
    static Path lockScript(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/Helper.java"), """
                package lib;
                public class Helper { public static String greet(String s) { return "hello " + s; } }
                """);
        Files.writeString(dir.resolve("greet.java"), """
                //SOURCES lib/Helper.java
                import java.nio.file.*;
                class greet {
                    public static void main(String[] a) throws Exception {
                        if (a.length > 0 && a[0].equals("hold")) {
                            // holds the program running: proves the build lock is not kept while it runs
                            Files.writeString(Path.of(a[1], "started"), "");
                            String in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                            System.out.println("stdin: " + in);
                            for (int i = 0; i < 1200 && !Files.exists(Path.of(a[1], "release")); i++) Thread.sleep(100);
                            System.exit(7);
                        }
                        System.out.println(lib.Helper.greet(a.length > 0 ? a[0] : "nobody"));
                    }
                }
                """);
        return dir.resolve("greet.java");
    }

    @Test
    void twoFirstRunsAtOnceOnAColdCacheBothSucceedAndLeaveAGoodCache(@TempDir Path tmp) throws Exception {
        Path script = lockScript(tmp.resolve("src"));
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of("JBANG_CACHE_DIR", cache.toString());
        List<Thread> threads = new ArrayList<>();
        Result[] results = new Result[2];
        for (int i = 0; i < 2; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                try { results[k] = launch(env, tmp, script.toString(), "run" + k); } catch (Exception e) { throw new RuntimeException(e); }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        for (int i = 0; i < 2; i++) {
            assertNotNull(results[i], "run " + i + " did not finish");
            assertEquals(0, results[i].code(), results[i].err());
            assertEquals("hello run" + i + "\n", results[i].out());
        }
        long builds = Stream.of(results).filter(r -> r.err().contains("Building jar for greet.java")).count();
        assertEquals(1, builds, "one build; the other run waited for it (or came after it) and used it:\n" + results[0].err() + "\n---\n" + results[1].err());
        try (Stream<Path> s = Files.list(tmp.resolve("cache.locks"))) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".lock")).count(), "one lock file beside the cache");
        }
        Result again = launch(env, tmp, script.toString(), "again");
        assertEquals(0, again.code(), again.err());
        assertEquals("hello again\n", again.out());
        assertFalse(again.err().contains("Building jar"), "the cached jar is good and reused: " + again.err());
    }

    @Test
    void theBuildLockIsNotHeldWhileTheProgramRunsAndStdinAndExitCodePassThrough(@TempDir Path tmp) throws Exception {
        Path script = lockScript(tmp.resolve("src"));
        Path cache = tmp.resolve("cache"), flags = Files.createDirectories(tmp.resolve("flags"));
        ProcessBuilder pb = new ProcessBuilder(root.resolve("jbang").toString(), script.toString(), "hold", flags.toString()).directory(tmp.toFile());
        pb.environment().put("JBANG_LAUNCHER_IGNORE_PATH", "1");
        pb.environment().put("JBANG_CACHE_DIR", cache.toString());
        Path out = tmp.resolve("hold.out"), err = tmp.resolve("hold.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process holder = pb.start();
        try {
            holder.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            holder.getOutputStream().close();
            for (int i = 0; i < 3000 && !Files.exists(flags.resolve("started")); i++) {
                assertTrue(holder.isAlive(), "the holding run ended early: " + Files.readString(err));
                Thread.sleep(100);
            }
            assertTrue(Files.exists(flags.resolve("started")), "the holding run never started");
            // the same script again while the first program runs: it must not wait for it
            Result quick = launch(Map.of("JBANG_CACHE_DIR", cache.toString()), tmp, script.toString(), "quick");
            assertEquals(0, quick.code(), quick.err());
            assertEquals("hello quick\n", quick.out());
            assertFalse(quick.err().contains("waiting for another"), quick.err());
            assertTrue(holder.isAlive(), "the first program is still running");
            Files.writeString(flags.resolve("release"), "");
            assertTrue(holder.waitFor(2, TimeUnit.MINUTES), "the holding run did not end");
            assertEquals(7, holder.exitValue(), Files.readString(err));
            assertEquals("stdin: ping\n", Files.readString(out));
        } finally {
            holder.destroyForcibly();
        }
    }

    // ------------------------------------------------------------------ fast path (issue 11)

    /** A project of its own: a copy of the launcher with the lock script beside it (the fast path is for a project's scripts). */
    static Path project(Path tmp) throws IOException {
        Path proj = Files.createDirectories(tmp.resolve("proj"));
        Path launcher = proj.resolve("jbang");
        Files.copy(root.resolve("jbang"), launcher);
        launcher.toFile().setExecutable(true);
        lockScript(proj);
        return proj;
    }

    static Result launchIn(Path proj, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(proj.resolve("jbang").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(proj.toFile());
        pb.environment().put("JBANG_LAUNCHER_IGNORE_PATH", "1");
        pb.environment().put("JBANG_FASTPATH_TRACE", "1");
        pb.environment().putAll(env);
        Path in = Files.createTempFile("launcher", ".in"), out = Files.createTempFile("launcher", ".out"), err = Files.createTempFile("launcher", ".err");
        Files.writeString(in, "ping\n");
        pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "launcher did not finish");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aSecondRunTakesTheFastPathWithArgumentsAndExitCodeIntact(@TempDir Path tmp) throws Exception {
        assumeInstalled();
        Path proj = project(tmp);
        Map<String, String> env = Map.of("JBANG_CACHE_DIR", tmp.resolve("cache").toString());
        Result first = launchIn(proj, env, "greet.java", "first");
        assertEquals(0, first.code(), first.err());
        assertEquals("hello first\n", first.out());
        assertTrue(first.err().contains("jbang-cli path"), first.err());
        String tricky = "a b \"q\" 'single' $HOME * semi;colon back\\slash";
        Result second = launchIn(proj, env, "greet.java", tricky);
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("fast path"), "the recorded command ran: " + second.err());
        assertFalse(second.err().contains("Building jar"), second.err());
        assertEquals("hello " + tricky + "\n", second.out());
        Result newline = launchIn(proj, env, "greet.java", "line1\nline2");
        assertTrue(newline.err().contains("fast path"), newline.err());
        assertEquals("hello line1\nline2\n", newline.out());
        // stdin and the exit code pass through the fast path as through jbang-cli
        Path flags = Files.createDirectories(tmp.resolve("flags"));
        Files.writeString(flags.resolve("release"), "");
        Result held = launchIn(proj, env, "greet.java", "hold", flags.toString());
        assertEquals(7, held.code(), held.err());
        assertEquals("stdin: ping\n", held.out());
        assertTrue(held.err().contains("fast path"), held.err());
        Result off = launchIn(proj, Map.of("JBANG_CACHE_DIR", tmp.resolve("cache").toString(), "JBANG_FASTPATH", "0"), "greet.java", "off");
        assertEquals("hello off\n", off.out());
        assertFalse(off.err().contains("fast path"), "JBANG_FASTPATH=0 turns it off: " + off.err());
    }

    @Test
    void aHelpRunLeavesTheCdsArchiveToTheNextRealRun(@TempDir Path tmp) throws Exception {
        assumeInstalled();
        Path proj = project(tmp);
        Files.writeString(proj.resolve("cds.java"), """
                //CDS
                class cds {
                    public static void main(String[] a) {
                        System.out.println(a.length > 0 && a[0].equals("--help") ? "usage: cds" : "ran " + java.util.List.of(a));
                    }
                }
                """);
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of("JBANG_CACHE_DIR", cache.toString());
        Result help = launchIn(proj, env, "cds.java", "--help");
        assertEquals(0, help.code(), help.err());
        assertEquals("usage: cds\n", help.out());
        assertTrue(help.err().contains("no CDS archive from a --help run"), help.err());
        assertEquals(List.of(), archives(cache), "a --help run writes no archive");
        Result real = launchIn(proj, env, "cds.java", "x");
        assertEquals("ran [x]\n", real.out(), real.err());
        assertFalse(real.err().contains("no CDS archive"), real.err());
        assertEquals(1, archives(cache).size(), "the first real run writes the archive: " + real.err());
        // with the archive written a run's command is stable: recorded by this run, run directly by the next
        Result next = launchIn(proj, env, "cds.java", "--version");
        assertEquals("ran [--version]\n", next.out(), next.err());
        assertFalse(next.err().contains("no CDS archive"), next.err());
        Result fast = launchIn(proj, env, "cds.java", "y");
        assertEquals("ran [y]\n", fast.out(), fast.err());
        assertTrue(fast.err().contains("fast path"), fast.err());
        assertEquals(1, archives(cache).size());
    }

    static List<Path> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) return List.of();
        try (var s = Files.walk(cache)) { return s.filter(f -> f.toString().endsWith(".jsa")).toList(); }
    }

    @Test
    void anEditedSourceIsRebuiltNeverServedStale(@TempDir Path tmp) throws Exception {
        assumeInstalled();
        Path proj = project(tmp);
        Map<String, String> env = Map.of("JBANG_CACHE_DIR", tmp.resolve("cache").toString());
        assertEquals("hello one\n", launchIn(proj, env, "greet.java", "one").out());
        assertTrue(launchIn(proj, env, "greet.java", "two").err().contains("fast path"));
        // an edit to a sourced file (not the script itself) must reach the next run
        Path helper = proj.resolve("lib/Helper.java");
        Files.writeString(helper, Files.readString(helper).replace("\"hello \"", "\"good day \""));
        Result edited = launchIn(proj, env, "greet.java", "three");
        assertEquals(0, edited.code(), edited.err());
        assertEquals("good day three\n", edited.out());
        assertTrue(edited.err().contains("jbang-cli path") && edited.err().contains("Building jar"), edited.err());
        // a new source file in the project changes the key too
        Files.writeString(proj.resolve("lib/Extra.java"), "package lib; public class Extra {}\n");
        assertTrue(launchIn(proj, env, "greet.java", "four").err().contains("jbang-cli path"));
        assertTrue(launchIn(proj, env, "greet.java", "five").err().contains("fast path"));
    }

    @Test
    void aMissingJarOfTheRecordedCommandSendsTheRunBackToJbangCli(@TempDir Path tmp) throws Exception {
        assumeInstalled();
        Path proj = project(tmp);
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of("JBANG_CACHE_DIR", cache.toString());
        assertEquals(0, launchIn(proj, env, "greet.java", "one").code());
        Path record;
        try (Stream<Path> s = Files.list(cache.resolve("fastpath"))) {
            List<Path> records = s.toList();
            assertEquals(1, records.size(), records.toString());
            record = records.get(0);
        }
        List<String> lines = Files.readAllLines(record);
        assertEquals("ok", lines.get(0));
        Path jar = Path.of(lines.stream().filter(l -> l.endsWith("greet.jar")).findFirst().orElseThrow(() -> new AssertionError(lines.toString())));
        Files.delete(jar);   // e.g. `jbang cache clear`
        Result r = launchIn(proj, env, "greet.java", "back");
        assertEquals(0, r.code(), r.err());
        assertEquals("hello back\n", r.out());
        assertTrue(r.err().contains("no fast path: missing " + jar), r.err());
        assertTrue(Files.exists(jar), "jbang-cli rebuilt the jar");
    }
}
