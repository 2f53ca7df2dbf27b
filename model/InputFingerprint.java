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

    /** Lowercase hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
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
