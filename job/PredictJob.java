//SOURCES ../cli/*.java
//SOURCES ../storage/*.java
//SOURCES ../model/*.java
package job;

import cli.ExitCode;
import model.DriftRow;
import model.Predictor;
import model.Scoring;
import storage.Store;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code analysis.java predict}: score a new people.csv with a stored model card, write the predictions,
 * print the drift report. Reads an existing store only (never creates one). Exit code
 * {@link ExitCode#DRIFT} when any input or the predictions drifted significantly. User mistakes (no such
 * store, card or column) are thrown as one-line errors and mapped by {@link ExitCode#of}.
 */
public final class PredictJob {
    private PredictJob() {}

    /**
     * @param version card version, or -1 for the latest
     */
    public record Options(Path people, String store, String key, long version, Path out) {
        public Options {
            if (people == null) throw new IllegalArgumentException("--people FILE is required");
            if (store == null || store.isBlank()) throw new IllegalArgumentException("--store is empty");
        }
    }

    /** @param predictions the written CSV */
    public record Result(Scoring scoring, Path predictions, ExitCode exitCode) {}

    public static Result run(Options o, PrintStream out, PrintStream err) {
        try (Store st = cli.StoreOption.existing(o.store())) {
            Scoring scoring = Predictor.load(st, o.key(), o.version()).score(o.people());
            Path written = scoring.writeCsv(o.out());
            out.print(scoring.summary());
            err.println("predictions: " + written);
            boolean significant = scoring.drift().flagged().stream().anyMatch(r -> r.level() == DriftRow.Level.SIGNIFICANT);
            return new Result(scoring, written, significant ? ExitCode.DRIFT : ExitCode.OK);
        }
    }
}
