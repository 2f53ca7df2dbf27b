package synth;

/** Gender as written in people.csv ({@code F}, {@code M}, {@code X}); F is the reference level. */
public enum Gender {
    F, M, X;

    public String label() {
        return name();
    }
}
