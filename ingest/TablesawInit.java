package ingest;

/**
 * Start-up cost: Tablesaw's {@code Table} class initialiser scans the whole class path for readers and
 * writers (ClassGraph; about 0.5 s with the main job's ~70 jars), and ingestion needs {@code Table} only
 * after its reading passes, to build the per-person table. {@link #start()} triggers that initialisation
 * on a daemon thread, once, so the scan overlaps the passes instead of following them. The JVM makes any
 * other thread touching {@code Table} wait until the initialiser has finished, so nothing else changes; if
 * it failed, the first real use reports the failure as it would have anyway.
 */
final class TablesawInit {
    private TablesawInit() {}

    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    static void start() {
        if (!STARTED.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            try {
                Class.forName("tech.tablesaw.api.Table", true, TablesawInit.class.getClassLoader());
            } catch (Throwable ignored) {
                // reported by the first real use of Table
            }
        }, "tablesaw-init");
        t.setDaemon(true);
        t.start();
    }
}
