package ingest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Every aggregate built in the single pass over the event files (immutable). Only accepted rows count
 * (see the {@link IngestReport} for the others). Counts only: shares and averages are computed by
 * report.SummaryTables, which gives NaN, not 0, when the denominator is 0. Days, hours and weekdays are in {@link #zone()}.
 *
 * @param people                    persons in people.csv (accepted rows)
 * @param exposedPeople             persons with at least one exposure
 * @param visitors                  persons with at least one visit
 * @param exposures                 accepted exposure rows
 * @param visits                    accepted visit rows
 * @param firstExposure             earliest accepted exposure time (null when none); likewise the others
 * @param byAd                      impressions, reach (persons with >= 1 exposure) and frequency distribution
 *                                  among the persons reached (1, 2, ..., 9, 10+) per ad, by label
 * @param byChannel                 the same per channel
 * @param adChannel                 impressions and reach per (ad, channel) for every ad and channel seen (zeros included)
 * @param byDay                     exposures and visits per day from the first to the last event day (zeros included)
 * @param hourWeekday               exposures and visits per weekday x hour, Monday 0h first (168 cells)
 * @param exposuresPerPerson        element k = persons with exactly k exposures (k = 0..max)
 * @param visitsPerPerson           element k = persons with exactly k visits
 * @param visitsByExposureFrequency persons, visitors and visits by exposure count 0, 1, ..., 9, 10+
 * @param timing                    visits within 1/24/72 h after an exposure (empty when visit timing is off)
 */
public record Aggregates(long people, long exposedPeople, long visitors, long exposures, long visits,
                         Instant firstExposure, Instant lastExposure, Instant firstVisit, Instant lastVisit,
                         ZoneOffset zone,
                         List<CategoryStat> byAd, List<CategoryStat> byChannel, List<AdChannel> adChannel,
                         List<DayCount> byDay, List<HourWeekday> hourWeekday,
                         List<Long> exposuresPerPerson, List<Long> visitsPerPerson,
                         List<FrequencyBucket> visitsByExposureFrequency, Optional<VisitTiming> timing) {

    public Aggregates {
        byAd = List.copyOf(byAd);
        byChannel = List.copyOf(byChannel);
        adChannel = List.copyOf(adChannel);
        byDay = List.copyOf(byDay);
        hourWeekday = List.copyOf(hourWeekday);
        exposuresPerPerson = List.copyOf(exposuresPerPerson);
        visitsPerPerson = List.copyOf(visitsPerPerson);
        visitsByExposureFrequency = List.copyOf(visitsByExposureFrequency);
    }

    /**
     * Frequency buckets: 1, 2, ..., FREQUENCY_CAP - 1 exposures and FREQUENCY_CAP or more ("10+"). The one
     * home of the cap: ingestion's saturating counters, the report's segments, frequency tables and their
     * column names all read it.
     */
    public static final int FREQUENCY_CAP = 10;

    /** "1", "2", ..., "9", "10+" for bucket i = 0 .. FREQUENCY_CAP - 1. */
    public static String frequencyLabel(int i) { return countLabel(i + 1, FREQUENCY_CAP); }

    /** The label of an exposure count capped at {@code cap}: "0", "1", ..., and "cap+" for cap or more. */
    public static String countLabel(int count, int cap) { return count >= cap ? cap + "+" : Integer.toString(count); }

    /**
     * Impressions, reach and frequency distribution of one ad or channel.
     *
     * @param frequency element i = persons who saw it exactly i+1 times, the last (i = 9) 10 or more times;
     *                  the elements sum to reach
     */
    public record CategoryStat(String label, long impressions, long reach, List<Long> frequency) {
        public CategoryStat {
            frequency = List.copyOf(frequency);
            if (frequency.size() != FREQUENCY_CAP)
                throw new IllegalArgumentException(label + ": " + frequency.size() + " frequency buckets, expected " + FREQUENCY_CAP);
        }
    }

    /** Impressions and reach (persons who saw this ad on this channel at least once) of one ad x channel cell. */
    public record AdChannel(String ad, String channel, long impressions, long reach) {}

    public record DayCount(LocalDate day, long exposures, long visits) {}

    public record HourWeekday(DayOfWeek weekday, int hour, long exposures, long visits) {}

    /**
     * Persons whose exposure count is in [minExposures, maxExposures] (max = Integer.MAX_VALUE for "10+").
     */
    public record FrequencyBucket(String label, int minExposures, int maxExposures, long people, long visitors, long visits) {}

    /**
     * For every accepted visit, the latest exposure of the same person at or before it (same second
     * counts): how many visits have one at all, and within 1, 24 and 72 hours (inclusive).
     */
    public record VisitTiming(long visits, long afterAnyExposure, long within1h, long within24h, long within72h) {}
}
