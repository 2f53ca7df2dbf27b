package job;

import cli.ExitCode;

/**
 * How one step of a job ended.
 *
 * @param reason  why it failed or was skipped, in the user's terms (null when it succeeded)
 * @param code    what the failure means for the exit code ({@link ExitCode#OK} unless it failed)
 * @param seconds wall time (0 when skipped)
 */
public record StepResult(Step step, Status status, String reason, ExitCode code, double seconds) {
    public enum Status { DONE, FAILED, SKIPPED }

    public StepResult {
        if (status != Status.DONE && (reason == null || reason.isBlank()))
            throw new IllegalArgumentException(step + " " + status + " needs a reason");
        if (code == null) code = ExitCode.OK;
    }

    static StepResult done(Step step, double seconds) { return new StepResult(step, Status.DONE, null, ExitCode.OK, seconds); }

    static StepResult failed(Step step, String reason, ExitCode code, double seconds) {
        return new StepResult(step, Status.FAILED, reason, code, seconds);
    }

    static StepResult skipped(Step step, String reason) { return new StepResult(step, Status.SKIPPED, reason, ExitCode.OK, 0); }

    public boolean ok() { return status == Status.DONE; }

    public boolean failed() { return status == Status.FAILED; }

    /** "fitting the exposure models: failed (...)" */
    @Override
    public String toString() {
        return step.label() + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + (reason == null ? "" : " (" + reason + ")");
    }
}
