package model;

/**
 * Visits per person in one exposure-frequency bucket [from, to], observed (mean with a normal-theory
 * interval) and as fitted by the linear-lift model and by the model with hinges (diminishing returns).
 */
public record DoseBucket(String label, int from, int to, long people, double meanExposures, double meanVisits,
                         double lower, double upper, double fittedLinear, double fittedHinges) {}
