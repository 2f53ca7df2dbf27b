package ingest;

import java.util.List;

/** How many times one problem occurred in one file, with the first few locations in file order. */
public record ProblemCount(Problem problem, long count, List<Issue> examples) {
    public ProblemCount {
        examples = List.copyOf(examples);
    }
}
