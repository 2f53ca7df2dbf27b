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
