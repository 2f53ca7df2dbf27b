package synth;

/** One simulated person's true (never missing) demographics. */
public record Person(int id, int age, Gender gender, IncomeBracket income, Region region, int householdSize) {

    /** Age group used for channel choice: 0 = 18-34, 1 = 35-49, 2 = 50-64, 3 = 65+. */
    public int ageGroup() {
        return age < 35 ? 0 : age < 50 ? 1 : age < 65 ? 2 : 3;
    }
}
