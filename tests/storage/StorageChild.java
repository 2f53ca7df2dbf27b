package storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate process for the storage contract tests (started with the test's own class path):
 * <ul>
 *   <li>{@code hang URI KEY [create-only]}: saves an endless byte stream to KEY, printing {@code STARTED} once
 *       a few MB are written; it never finishes (the test kills it).</li>
 *   <li>{@code pausable URI KEY TAG}: a create-only save of 6 MB to KEY (byte 0 is TAG's first character) that
 *       prints {@code STARTED} after 4 MB and then waits for a line on stdin before writing the rest; prints
 *       {@code SAVED <version>} or {@code FAILED <error class>: <message>} (the test pauses it with SIGSTOP in between).</li>
 *   <li>{@code writers URI KEY THREADS COUNT TAG}: THREADS threads each save COUNT objects
 *       {@code "TAG-thread-i"} to KEY, then prints {@code DONE}.</li>
 * </ul>
 */
public final class StorageChild {
    public static void main(String[] a) throws Exception {
        Store store = Stores.open(a[1]);
        switch (a[0]) {
            case "hang" -> {
                SaveOption[] opts = a.length > 3 && a[3].equals("create-only") ? new SaveOption[]{SaveOption.CREATE_ONLY} : new SaveOption[0];
                store.saveStream(a[2], new InputStream() {
                    long n;
                    @Override public int read() { return (int) (n++ & 0x7f); }
                    @Override public int read(byte[] b, int off, int len) {
                        for (int i = 0; i < len; i++) b[off + i] = (byte) (n++ & 0x7f);
                        if (n > (4 << 20) && n - len <= (4 << 20)) { System.out.println("STARTED"); System.out.flush(); }
                        return len;
                    }
                }, opts);
                System.out.println("FINISHED (should never happen)");
            }
            case "pausable" -> {
                java.io.BufferedReader stdin = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
                byte first = (byte) a[3].charAt(0);
                InputStream payload = new InputStream() {
                    long n;
                    boolean waited;
                    @Override public int read() throws IOException {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                    }
                    @Override public int read(byte[] b, int off, int len) throws IOException {
                        if (n >= (6 << 20)) return -1;
                        if (n >= (4 << 20) && !waited) {
                            System.out.println("STARTED");
                            System.out.flush();
                            stdin.readLine();
                            waited = true;
                        }
                        len = (int) Math.min(len, (n < (4 << 20) ? (4 << 20) : (6 << 20)) - n);
                        for (int i = 0; i < len; i++) b[off + i] = n + i == 0 ? first : (byte) ((n + i) & 0x7f);
                        n += len;
                        return len;
                    }
                };
                try {
                    System.out.println("SAVED " + store.saveStream(a[2], payload, SaveOption.CREATE_ONLY).version());
                } catch (StorageException e) {
                    System.out.println("FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            case "writers" -> {
                int threads = Integer.parseInt(a[3]), count = Integer.parseInt(a[4]);
                String tag = a[5];
                List<Thread> ts = new ArrayList<>();
                List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    Thread th = new Thread(() -> {
                        try {
                            for (int i = 0; i < count; i++) store.saveObject(a[2], tag + "-" + id + "-" + i);
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    });
                    ts.add(th);
                    th.start();
                }
                for (Thread th : ts) th.join();
                if (!errors.isEmpty()) {
                    errors.get(0).printStackTrace();
                    System.exit(3);
                }
                System.out.println("DONE");
            }
            default -> throw new IOException("unknown mode " + a[0]);
        }
    }
}
