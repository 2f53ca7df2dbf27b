package report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The plotly.js bundle shipped with every report, read from the Maven Central webjar
 * {@code org.webjars.npm:plotly.js-dist:2.35.3} on the class path (no CDN, no network at view time).
 */
public final class PlotlyJs {
    private PlotlyJs() {}

    public static final String VERSION = "2.35.3";
    public static final String RESOURCE = "/META-INF/resources/webjars/plotly.js-dist/" + VERSION + "/plotly.js";
    /** File name next to the report's HTML pages. */
    public static final String FILE_NAME = "plotly-" + VERSION + ".js";

    /**
     * Copies plotly.js into dir as {@link #FILE_NAME} unless an identical-size copy is already there.
     * Written to a temporary file and moved, so a concurrent reader never sees half a file.
     */
    public static Path copyTo(Path dir) {
        Path target = dir.resolve(FILE_NAME);
        try (InputStream in = PlotlyJs.class.getResourceAsStream(RESOURCE)) {
            if (in == null)
                throw new IllegalStateException("plotly.js " + VERSION + " is not on the class path (" + RESOURCE
                        + "): add //DEPS org.webjars.npm:plotly.js-dist:" + VERSION);
            Files.createDirectories(dir);
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) return target;
            Path tmp = Files.createTempFile(dir, ".plotly", ".tmp");
            Files.write(tmp, bytes);
            try { // createTempFile makes an owner-only file; a report is meant to be read by others too
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) { /* keep the default */ }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy plotly.js to " + dir + ": " + e.getMessage(), e);
        }
    }
}
