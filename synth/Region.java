package synth;

/** US census region as written in people.csv; Northeast is the reference level. */
public enum Region {
    Northeast, Midwest, South, West;

    public String label() {
        return name();
    }
}
