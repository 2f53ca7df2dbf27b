package synth;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Fast ASCII row writer: formats into its own 1 MiB byte buffer (no String per row), optionally gzipped. */
final class CsvOut implements Closeable {
    private static final int SIZE = 1 << 20;
    private final OutputStream out;
    private final byte[] buf = new byte[SIZE];
    private int pos;

    CsvOut(Path file, boolean gzip) throws IOException {
        OutputStream file0 = Files.newOutputStream(file);
        // Java's GZIP header has mtime 0 and no name, so equal input gives equal bytes on the same zlib.
        this.out = gzip ? new GZIPOutputStream(file0, SIZE) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        } : file0;
    }

    /** Makes room for at least {@code n} more bytes. Rows are far shorter than the buffer. */
    void reserve(int n) throws IOException {
        if (pos + n > SIZE) flush();
    }

    void put(byte b) {
        buf[pos++] = b;
    }

    void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    void put(byte[] bytes, int length) {
        System.arraycopy(bytes, 0, buf, pos, length);
        pos += length;
    }

    void twoDigits(int v) {
        buf[pos++] = (byte) ('0' + v / 10);
        buf[pos++] = (byte) ('0' + v % 10);
    }

    void putInt(int v) {
        if (v < 0) {
            buf[pos++] = '-';
            v = -v; // callers never pass Integer.MIN_VALUE
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    void endRow() {
        buf[pos++] = '\n';
    }

    void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
