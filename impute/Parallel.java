package impute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a loop over [0, n) in fixed chunks: the chunks do not depend on the thread count, only who runs them. */
final class Parallel {
    private Parallel() {}

    interface Body {
        void run(int from, int to);
    }

    static void forChunks(int n, int chunk, int threads, Body body) {
        int chunks = (n + chunk - 1) / chunk;
        if (threads <= 1 || chunks <= 1) {
            for (int c = 0; c < chunks; c++) body.run(c * chunk, Math.min(n, (c + 1) * chunk));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks), r -> {
            Thread t = new Thread(r, "impute");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int from = c * chunk, to = Math.min(n, (c + 1) * chunk);
                fs.add(pool.submit(() -> body.run(from, to)));
            }
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("imputation interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
