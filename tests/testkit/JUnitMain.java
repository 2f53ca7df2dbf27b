//DEPS org.junit:junit-bom:5.14.1@pom
//DEPS org.junit.jupiter:junit-jupiter
//DEPS org.junit.platform:junit-platform-launcher
package testkit;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs JUnit 5 test classes from a JBang script's main and prints one closing line exactly
 * {@code N passed, N failed, N skipped} (the form CI reads). Exit code 1 on any failure and when no
 * test ran, so an empty or broken suite can never look green.
 *
 * <p>Usage in a test script: {@code public static void main(String[] a) { JUnitMain.runAndExit(MyTest.class); }}
 * Optional argument {@code --filter TEXT} runs only tests whose display name or method contains TEXT.
 */
public final class JUnitMain {
    private JUnitMain() {}

    public static void runAndExit(String[] args, Class<?>... testClasses) {
        System.exit(run(args, testClasses));
    }

    public static int run(String[] args, Class<?>... testClasses) {
        String filter = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--filter") && i + 1 < args.length) filter = args[++i];
        }
        AtomicInteger passed = new AtomicInteger(), failed = new AtomicInteger(), skipped = new AtomicInteger();
        final String only = filter;
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) {
                    skipped.incrementAndGet();
                    System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
                } else {
                    // A skipped container (e.g. @Disabled class) skips all its tests; count it once.
                    skipped.incrementAndGet();
                    System.out.println("SKIPPED " + id.getDisplayName() + " (all its tests): " + reason);
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    // A failing container (e.g. @BeforeAll threw) would otherwise be invisible.
                    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                        failed.incrementAndGet();
                        report("FAILED ", id, result);
                    }
                    return;
                }
                switch (result.getStatus()) {
                    case SUCCESSFUL -> {
                        passed.incrementAndGet();
                        System.out.println("ok      " + id.getDisplayName());
                    }
                    case ABORTED -> {
                        skipped.incrementAndGet();
                        System.out.println("SKIPPED " + id.getDisplayName() + ": "
                                + result.getThrowable().map(Throwable::getMessage).orElse("assumption failed"));
                    }
                    case FAILED -> {
                        failed.incrementAndGet();
                        report("FAILED ", id, result);
                    }
                }
            }

            private void report(String tag, TestIdentifier id, TestExecutionResult result) {
                System.out.println(tag + id.getDisplayName() + " [" + id.getUniqueId() + "]");
                result.getThrowable().ifPresent(t -> {
                    StringWriter sw = new StringWriter();
                    t.printStackTrace(new PrintWriter(sw));
                    sw.toString().lines().limit(25).forEach(l -> System.out.println("        " + l));
                });
            }
        };
        var builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(testClasses).map(DiscoverySelectors::selectClass).toList());
        if (only != null) {
            builder.filters((PostDiscoveryFilter) d ->
                    !d.isTest() || d.getDisplayName().contains(only) || d.getUniqueId().toString().contains(only)
                            ? FilterResult.included("matches --filter")
                            : FilterResult.excluded("filtered out by --filter"));
        }
        LauncherDiscoveryRequest request = builder.build();
        LauncherFactory.create().execute(request, listener);
        int p = passed.get(), f = failed.get(), s = skipped.get();
        if (p + f + s == 0) { // all skipped is a valid outcome (e.g. reference data absent); nothing at all is not
            System.out.println("FAILED  no test ran (an empty or broken suite is a failure)");
            f = 1;
        }
        System.out.println(p + " passed, " + f + " failed, " + s + " skipped");
        return f > 0 ? 1 : 0;
    }
}
