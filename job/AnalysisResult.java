package job;

import cli.ExitCode;
import model.ExposureModelResult;
import storage.Metadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one run of {@link AnalysisJob} produced, step by step.
 *
 * @param steps       every step in order, done, failed (with the reason) or skipped (with the reason)
 * @param storeUri    the store written to (null when it could not be opened)
 * @param savedTables key -> metadata of every summary table saved (eda/overview, ...), in order
 * @param models      the fitted exposure models, or null when not fitted
 * @param cardKey     the model card's key, or null when no card was saved
 * @param cardVersion the saved card's version, or -1 when no card was saved
 * @param report      the report's index.html, or null when no report was written
 */
public record AnalysisResult(List<StepResult> steps, String storeUri, Map<String, Metadata> savedTables,
                             ExposureModelResult models, String cardKey, long cardVersion, Path report) {
    public AnalysisResult {
        steps = List.copyOf(steps);
        savedTables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(savedTables));
    }

    /** The exit code: {@link ExitCode#OK} when every step that ran succeeded, else the worst failure's code. */
    public ExitCode exitCode() {
        ExitCode c = ExitCode.OK;
        for (StepResult s : steps) if (s.failed()) c = c.worse(s.code());
        return c;
    }

    public StepResult step(Step s) {
        return steps.stream().filter(r -> r.step() == s).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("step " + s + " is not in this result"));
    }

    public List<StepResult> failures() {
        return steps.stream().filter(StepResult::failed).toList();
    }

    /** One line: what failed and what was kept, e.g. for the end of a run. */
    public String summary() {
        List<String> done = new ArrayList<>(), failed = new ArrayList<>();
        for (StepResult s : steps) {
            if (s.failed()) failed.add(s.step().label());
            else if (s.ok()) done.add(switch (s.step()) {
                case SAVE_TABLES -> s.step().label() + " (" + savedTables.size() + " in " + storeUri + ")";
                case MODEL_CARD -> s.step().label() + " (" + cardKey + " version " + cardVersion + ")";
                case REPORT -> s.step().label() + " (" + report + ")";
                default -> s.step().label();
            });
        }
        ExitCode c = exitCode();
        if (failed.isEmpty()) return "done: " + String.join(", ", done);
        return (c == ExitCode.PARTIAL ? "partial result" : "failed") + " (exit code " + c.code() + "): failed: " + String.join(", ", failed)
                + (done.isEmpty() ? "" : "; done: " + String.join(", ", done));
    }
}
