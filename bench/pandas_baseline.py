#!/usr/bin/env python3
"""The notebook baseline for bench/IngestBench.java: what an analyst would write in pandas.

Reads people.csv, exposures.csv and site_visits.csv from DIR with pandas.read_csv (timestamps parsed),
then builds the per-person exposure and visit counts (every person, zeros included) and the impressions
and reach by ad and by channel, and prints wall time and MB/s of input. Same files, same machine.

Usage: python3 bench/pandas_baseline.py DIR        (Debian: apt-get install python3-pandas)
"""
import os
import sys
import time

import pandas as pd


def main(d):
    files = [os.path.join(d, f) for f in ("people.csv", "exposures.csv", "site_visits.csv")]
    size = sum(os.path.getsize(f) for f in files)
    t0 = time.perf_counter()
    people = pd.read_csv(files[0], dtype={"person_id": str})
    exposures = pd.read_csv(files[1], dtype={"person": str, "ad_id": str, "channel_id": str}, parse_dates=["time"])
    visits = pd.read_csv(files[2], dtype={"person": str}, parse_dates=["time"])
    t_read = time.perf_counter()
    persons = people.set_index("person_id")
    persons["exposures"] = exposures.groupby("person").size().reindex(persons.index, fill_value=0)
    persons["visits"] = visits.groupby("person").size().reindex(persons.index, fill_value=0)
    by_ad = exposures.groupby("ad_id").agg(impressions=("person", "size"), reach=("person", "nunique"))
    by_channel = exposures.groupby("channel_id").agg(impressions=("person", "size"), reach=("person", "nunique"))
    t_end = time.perf_counter()
    print(f"pandas {pd.__version__}: {len(people):,} people, {len(exposures):,} exposures, {len(visits):,} visits, "
          f"{size / 1e6:.1f} MB")
    print(f"read_csv {t_read - t0:.2f} s, groupby {t_end - t_read:.2f} s, total {t_end - t0:.2f} s "
          f"= {size / 1e6 / (t_end - t0):.1f} MB/s")
    print(f"check: exposed people {int((persons['exposures'] > 0).sum()):,}, ads {len(by_ad)}, channels {len(by_channel)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
