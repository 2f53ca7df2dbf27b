package storage;

import tech.tablesaw.api.*;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

/** Tables shared by the storage contract suite and the storage benchmarks. */
public final class SampleTables {
    private SampleTables() {}

    /** Mixed types with some missing values: int, string (some needing quotes), double, long, boolean, date, instant. */
    public static Table mixed(int rows, long seed) {
        Random r = new Random(seed);
        IntColumn id = IntColumn.create("id");
        StringColumn region = StringColumn.create("region");
        DoubleColumn x = DoubleColumn.create("x");
        LongColumn visits = LongColumn.create("visits");
        BooleanColumn flag = BooleanColumn.create("flag");
        DateColumn day = DateColumn.create("day");
        InstantColumn at = InstantColumn.create("at");
        String[] regions = {"north", "south", "east, coast", "west \"w\"", "centre"};
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < rows; i++) {
            id.append(i);
            region.append(regions[r.nextInt(regions.length)]);
            if (i % 97 == 0) x.appendMissing(); else x.append(r.nextGaussian() * 1000);
            visits.append(r.nextInt(1_000_000));
            flag.append(r.nextBoolean());
            day.append(d0.plusDays(r.nextInt(3000)));
            at.append(Instant.ofEpochMilli(t0 + r.nextInt(1_000_000_000)));
        }
        return Table.create("mixed", id, region, x, visits, flag, day, at);
    }
}
