package cli;

/** The toolkit's version, printed by {@code -V} / {@code --version} of every job. Bump it when a release changes behaviour. */
public final class Version {
    private Version() {}

    public static final String NUMBER = "0.9.0";

    /** "exposure-toolkit 0.9.0 (Java 17.0.x, vendor)": the lines picocli prints for --version. */
    public static String[] lines() {
        return new String[] {"exposure-toolkit " + NUMBER,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
