#!/usr/bin/env python3
"""The notebook baseline for bench/IngestBench.java and bench/MainJobBench.java: what an analyst would write.

Reads people.csv, exposures.csv and site_visits.csv from DIR with pandas.read_csv (timestamps parsed),
then builds the per-person exposure and visit counts (every person, zeros included) and the impressions
and reach by ad and by channel, and prints wall time and MB/s of input. Same files, same machine.

With --models (and statsmodels importable), also fits exposures per person on the demographics the way the
main job does (the generator's parameterisation when the columns are the generator's: age10, household_size_c,
references F / lt25k / Northeast; a missing-value indicator per numeric column, a "(missing)" level per
categorical one) with statsmodels OLS (+ HC3), GLM Poisson and discrete NegativeBinomial (NB2, alpha by ML,
started from the Poisson estimate with Newton's method, as a competent notebook would), plus seeded 5-fold CV
of each (held-out RMSE and Poisson deviance). It prints one line "models: ..." with the times.

Usage: python3 bench/pandas_baseline.py DIR [--models]
       (Debian: apt-get install python3-pandas python3-statsmodels)
"""
import os
import sys
import time

import numpy as np
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
    return persons


REFERENCES = {"gender": "F", "income_bracket": "lt25k", "region": "Northeast"}


def design(persons):
    """The design matrix: numeric columns with a missing indicator (mean-filled), categoricals as dummies."""
    df = persons.drop(columns=["exposures", "visits"])
    cols = {}
    for c in df.columns:
        v = df[c]
        if c == "age" and "household_size" in df.columns:
            cols["age10"], c = (v - 45) / 10, None
        elif c == "household_size" and "age" in df.columns:
            cols["household_size_c"], c = v - 3, None
        if c is None:
            continue
        if pd.api.types.is_numeric_dtype(v):
            cols[c] = v
        else:
            cols[c] = v.astype("string")
    df = pd.DataFrame(cols, index=persons.index)
    parts = []
    for c in df.columns:
        v = df[c]
        if pd.api.types.is_numeric_dtype(v):
            miss = v.isna()
            parts.append(v.fillna(v.mean()).rename(c).astype(float))
            if miss.any():
                parts.append(miss.astype(float).rename(c + "_missing"))
        else:
            v = v.fillna("(missing)")
            ref = REFERENCES.get(c, v.value_counts().idxmax())
            d = pd.get_dummies(v, prefix=c, prefix_sep="[T.", dtype=float)
            d.columns = [x + "]" for x in d.columns]
            parts.append(d.drop(columns=[f"{c}[T.{ref}]"], errors="ignore"))
    x = pd.concat(parts, axis=1)
    x.insert(0, "const", 1.0)
    return x


def models(persons):
    import statsmodels.api as sm
    t0 = time.perf_counter()
    x = design(persons)
    y = persons["exposures"].astype(float)
    xv, yv = x.to_numpy(), y.to_numpy()

    def fit_all(xa, ya):
        ols = sm.OLS(ya, xa).fit(cov_type="HC3")
        pois = sm.GLM(ya, xa, family=sm.families.Poisson()).fit()
        start = np.append(pois.params, 0.5)
        nb = sm.NegativeBinomial(ya, xa).fit(start_params=start, method="newton", maxiter=100, disp=0)
        return ols, pois, nb

    ols, pois, nb = fit_all(xv, yv)
    t_fit = time.perf_counter()
    rng = np.random.default_rng(1)
    folds = np.array_split(rng.permutation(len(yv)), 5)
    dev = {"ols": [], "poisson": [], "nb2": []}
    for f in folds:
        train = np.ones(len(yv), dtype=bool)
        train[f] = False
        o, p, n = fit_all(xv[train], yv[train])
        for name, m in (("ols", o.predict(xv[f])), ("poisson", p.predict(xv[f])), ("nb2", n.predict(xv[f]))):
            mu = np.maximum(m, 1e-8)
            yt = yv[f]
            with np.errstate(divide="ignore", invalid="ignore"):
                d = 2 * (np.where(yt > 0, yt * np.log(yt / mu), 0) - (yt - mu))
            dev[name].append(d.mean())
    t_cv = time.perf_counter()
    print(f"models: {xv.shape[0]:,} rows x {xv.shape[1]} columns; fits {t_fit - t0:.2f} s, 5-fold CV {t_cv - t_fit:.2f} s; "
          f"NB2 alpha {nb.params[-1]:.4f}; CV deviance OLS {np.mean(dev['ols']):.4f} Poisson {np.mean(dev['poisson']):.4f} "
          f"NB2 {np.mean(dev['nb2']):.4f}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--models"]
    if len(args) != 1:
        sys.exit(__doc__)
    persons = main(args[0])
    if "--models" in sys.argv[1:]:
        try:
            import statsmodels  # noqa: F401
        except ImportError:
            print("models: not run (statsmodels is not importable; Debian: apt-get install python3-statsmodels)")
        else:
            models(persons)
