package model;

import java.util.List;

/**
 * Options of the visit-lift analysis ({@link VisitLift}). Start from {@link #defaults()}.
 *
 * @param segment      categorical demographic whose levels get their own lift per exposure (default
 *                     {@code region}; null or empty: one common lift). Named but absent is an error;
 *                     the default is silently skipped when the data have no such column
 * @param segmentNamed whether the user named the segment (then its absence is an error)
 * @param knots        dose-response hinge knots in exposures; empty: the 50/80/95% quantiles of exposures
 *                     among exposed people
 * @param horizonHours timing: lag horizon in hours (delays are assumed shorter)
 * @param shifts       timing: week shifts averaged for the baseline
 * @param withinHours  timing: the h of "share of visits attributable within h hours"
 * @param groups       timing: person groups resampled by the bootstrap
 * @param bootstrap    timing: bootstrap resamples
 * @param seed         timing: bootstrap seed
 * @param level        confidence level of every interval
 */
public record VisitLiftOptions(String segment, boolean segmentNamed, List<Double> knots, int horizonHours, int shifts,
                               List<Integer> withinHours, int groups, int bootstrap, long seed, double level) {
    public VisitLiftOptions {
        knots = knots == null ? List.of() : List.copyOf(knots);
        withinHours = withinHours == null ? VisitTiming.defaultWithin() : List.copyOf(withinHours);
        if (horizonHours < 1 || horizonHours > 24 * 60) throw new IllegalArgumentException("horizon must be 1..1440 hours, got " + horizonHours);
        if (shifts < 1) throw new IllegalArgumentException("shifts must be >= 1, got " + shifts);
        if (groups < 2) throw new IllegalArgumentException("groups must be >= 2, got " + groups);
        if (bootstrap < 10) throw new IllegalArgumentException("bootstrap must be >= 10, got " + bootstrap);
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        for (double k : knots) if (!(k > 0)) throw new IllegalArgumentException("knots must be > 0, got " + k);
    }

    public static VisitLiftOptions defaults() {
        return new VisitLiftOptions("region", false, List.of(), 168, 6, VisitTiming.defaultWithin(), 200, 1000, 1, 0.95);
    }

    /** A segment the user names (an error when the data lack it); null or "" for a single common lift. */
    public VisitLiftOptions withSegment(String s) {
        return new VisitLiftOptions(s, s != null && !s.isEmpty(), knots, horizonHours, shifts, withinHours, groups, bootstrap, seed, level);
    }
    public VisitLiftOptions withKnots(List<Double> k) { return new VisitLiftOptions(segment, segmentNamed, k, horizonHours, shifts, withinHours, groups, bootstrap, seed, level); }
    public VisitLiftOptions withSeed(long s) { return new VisitLiftOptions(segment, segmentNamed, knots, horizonHours, shifts, withinHours, groups, bootstrap, s, level); }
    public VisitLiftOptions withBootstrap(int b) { return new VisitLiftOptions(segment, segmentNamed, knots, horizonHours, shifts, withinHours, groups, b, seed, level); }
    public VisitLiftOptions withLevel(double l) { return new VisitLiftOptions(segment, segmentNamed, knots, horizonHours, shifts, withinHours, groups, bootstrap, seed, l); }
}
