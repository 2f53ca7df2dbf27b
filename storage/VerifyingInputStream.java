package storage;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A payload stream that hashes and counts what it yields and throws {@link StorageException.Corrupt} unless
 * size and SHA-256 match the manifest: at end of stream, or as soon as it reads past the expected size (so
 * an over-long payload fails before the caller consumes the extra bytes). Every backend reads through it,
 * so "a corrupted file gives a clear error, never wrong data" holds by construction.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final String key;
    private final Metadata meta;
    private final MessageDigest sha = Hashing.sha256();
    private long count;
    private boolean verified;

    public VerifyingInputStream(String key, Metadata meta, InputStream in) {
        super(new BufferedInputStream(in, 1 << 16));
        this.key = key;
        this.meta = meta;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) verify();
        else {
            sha.update((byte) b);
            if (++count > meta.size()) verify();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) verify();
        else if (n > 0) {
            sha.update(buf, off, n);
            count += n;
            if (count > meta.size()) verify();
        }
        return n;
    }

    /** Skipped bytes are read and hashed too: a skip must not bypass the check. */
    @Override
    public long skip(long n) throws IOException {
        byte[] tmp = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(tmp, 0, (int) Math.min(tmp.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() { return false; }

    /** Reads to the end, so the check runs even when the caller stopped early. */
    public void drainAndVerify() throws IOException {
        byte[] tmp = new byte[1 << 16];
        while (read(tmp, 0, tmp.length) >= 0) { /* hashing */ }
    }

    private void verify() {
        if (verified) return;
        verified = true;
        String got = HexFormat.of().formatHex(sha.digest());
        if (count != meta.size() || !got.equals(meta.sha256()))
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + meta.version() + " is corrupt: payload has "
                    + (count > meta.size() ? "more than " : "") + count + " bytes with SHA-256 " + got + ", the manifest says "
                    + meta.size() + " bytes with SHA-256 " + meta.sha256(), null);
    }

}
