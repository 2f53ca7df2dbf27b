package job;

/**
 * The steps of {@link AnalysisJob}, in the order they run. Opening the store and reading the input stop
 * the job when they fail (nothing else can run); every later step fails alone: what the others produce is
 * still saved and written, and the job ends with {@link cli.ExitCode#PARTIAL}.
 */
public enum Step {
    OPEN_STORE("opening the store", true),
    INGEST("reading the input", true),
    EXPORT_PERSONS("writing the per-person table", false),
    EDA("exploratory analysis", false),
    SAVE_TABLES("saving the summary tables", false),
    MODELS("fitting the exposure models", false),
    MODEL_CARD("saving the model card", false),
    VISIT_LIFT("the visit-lift analysis", false),
    REPORT("writing the HTML report", false);

    private final String label;
    private final boolean stopsTheJob;

    Step(String label, boolean stopsTheJob) {
        this.label = label;
        this.stopsTheJob = stopsTheJob;
    }

    /** Words for messages: "fitting the exposure models". */
    public String label() { return label; }

    /** True when nothing after this step can run without it (the store, the data). */
    public boolean stopsTheJob() { return stopsTheJob; }
}
