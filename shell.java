///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES storage/*.java storage/jdbc/*.java storage/s3/*.java synth/*.java ingest/*.java stats/*.java report/*.java
//SOURCES model/*.java slices/*.java cli/*.java job/*.java impute/*.java numerics/*.java
// JShell with every project package and dependency on the class path:  ./jbang shell.java
// (`jbang -i` would load only the //DEPS jars, not the compiled packages; this starts jshell with this
// script's own class path, which holds both.) Extra arguments go to jshell, e.g. a .jsh file to run.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class shell {
    public static void main(String[] args) throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        if (!Files.isExecutable(jshell)) {
            System.err.println("shell.java: no jshell in " + jshell.getParent() + "; this needs a full JDK 17+, not a JRE.");
            System.exit(1);
        }
        Path startup = Files.createTempFile("project-imports", ".jsh");
        Files.writeString(startup, String.join("\n",
                "import tech.tablesaw.api.*;",
                "import storage.*;", "import synth.*;", "import ingest.*;", "import stats.*;", "import report.*;", "import model.*;",
                "import job.*;", "import impute.*;", "import numerics.*;",
                "import java.nio.file.Path;",
                "System.out.println(\"Imported: storage, synth, ingest, stats, report, model, job, impute, numerics, tech.tablesaw.api, java.nio.file.Path"
                        + " (packages slices and cli are on the class path too). Try: var ds = Ingest.load(Path.of(\\\"data\\\"));\");",
                ""));
        startup.toFile().deleteOnExit();
        List<String> cmd = new ArrayList<>(List.of(jshell.toString(),
                "--class-path", System.getProperty("java.class.path"),
                "--startup", "DEFAULT", "--startup", startup.toString()));
        cmd.addAll(List.of(args));
        int code = new ProcessBuilder(cmd).inheritIO().start().waitFor();
        System.exit(code);
    }
}
