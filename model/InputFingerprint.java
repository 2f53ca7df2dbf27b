package model;

import ingest.Dataset;
import ingest.FileReport;

import storage.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * One training input file: name, size, SHA-256 of its bytes (as stored, i.e. compressed for .gz), and the
 * rows ingestion read and accepted (-1 when unknown).
 */
public record InputFingerprint(String file, long bytes, String sha256, long rowsRead, long rowsAccepted) {

    /** Fingerprints of every file ingestion read (people, exposures, site_visits) with its row counts. */
    public static List<InputFingerprint> of(Dataset d) {
        List<InputFingerprint> out = new ArrayList<>();
        for (FileReport f : d.report().files()) {
            Path p = Path.of(f.file());
            out.add(new InputFingerprint(p.getFileName().toString(), f.bytes(), sha256(p), f.rowsRead(), f.rowsAccepted()));
        }
        return out;
    }

    /** Fingerprint of a file without row counts. */
    public static InputFingerprint of(Path file) {
        try {
            return new InputFingerprint(file.getFileName().toString(), Files.size(file), sha256(file), -1, -1);
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Files from this size on are hashed by the system's {@code sha256sum} (or {@code shasum -a 256}) when there is
     * one: the job runs C1-only, whose SHA-256 does ~125 MB/s on this machine against ~1.5 GB/s for C2's
     * intrinsic and the system tool's SHA-NI code (0.7 s of CPU at 200k people, 3.6 s at 1M, beside the models on
     * 2 cores). Below it the JVM hashes (a process start costs more than the hashing).
     */
    static final long TOOL_MIN_BYTES = 8L << 20;

    /** The system SHA-256 tools tried, by absolute path (no PATH lookup): GNU coreutils', then perl's (macOS). */
    private static final List<List<String>> TOOLS = List.of(List.of("/usr/bin/sha256sum"), List.of("/bin/sha256sum"),
            List.of("/usr/bin/shasum", "-a", "256"));

    /** Lowercase hex SHA-256 of a file's bytes (the same from the system tool and from the JVM). */
    public static String sha256(Path file) {
        try {
            if (Files.size(file) >= TOOL_MIN_BYTES) {
                String h = sha256WithTool(file);
                if (h != null) return h;
            }
        } catch (IOException e) {
            // the JVM's own read below reports it
        }
        return sha256InJvm(file);
    }

    /** The system tool's SHA-256 of {@code file}, or null when there is no tool or it did not give one (then the JVM hashes). */
    static String sha256WithTool(Path file) {
        for (List<String> tool : TOOLS) {
            if (!Files.isExecutable(Path.of(tool.get(0)))) continue;
            List<String> cmd = new ArrayList<>(tool);
            cmd.add(file.toAbsolutePath().toString());   // absolute: never read as an option
            try {
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) continue;
                // "<hex>  <name>"; GNU prefixes a backslash when the name holds a backslash or a newline
                String line = new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
                int at = line.startsWith("\\") ? 1 : 0;
                if (line.length() < at + 64) continue;
                String hex = line.substring(at, at + 64);
                if (hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return hex;
            } catch (IOException e) {
                // not runnable here: the next tool, or the JVM
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Lowercase hex SHA-256 of a file's bytes, computed in this JVM. */
    public static String sha256InJvm(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = Hashing.sha256();
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
            return Hashing.hex(md.digest());
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + " to fingerprint it: " + e.getMessage(), e);
        }
    }
}
