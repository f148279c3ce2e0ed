#!/usr/bin/env python3
"""Reference implementations of `churn bench ingest` in pandas and DuckDB.

Reads the same transaction log (customer_id,date,amount,quantity,category), takes the cutoff
C = last date - 90 days, builds per-customer features from transactions on or before C and the label
"no purchase in (C, C+90]", like `TransactionFeatures.training` does. Each engine runs in its own
process so that its peak memory (ru_maxrss) is its own.

Usage: ingest_reference.py FILE            -> one JSON line per engine on stdout
       ingest_reference.py FILE --engine pandas|duckdb
Needs: pip install pandas duckdb (benchmark only, never a runtime dependency).
"""
import json
import resource
import subprocess
import sys
import time

HORIZON = 90


def run_pandas(path):
    import pandas as pd
    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype={"customer_id": "string", "category": "category"})
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    t1 = time.perf_counter()
    last = df["date"].max()
    c = last - pd.Timedelta(days=HORIZON)
    hist = df[df["date"] <= c].sort_values(["customer_id", "date"], kind="stable")
    g = hist.groupby("customer_id", sort=False)
    feats = g.agg(first=("date", "min"), last=("date", "max"), n=("amount", "size"),
                  total=("amount", "sum"), mean=("amount", "mean"), max=("amount", "max"),
                  qty_total=("quantity", "sum"), qty_mean=("quantity", "mean"),
                  categories=("category", "nunique"))
    feats["recency"] = (c - feats["last"]).dt.days
    feats["tenure"] = (c - feats["first"]).dt.days
    hist = hist.assign(weekend=hist["date"].dt.dayofweek >= 5,
                       month=hist["date"].dt.year * 12 + hist["date"].dt.month)
    g = hist.groupby("customer_id", sort=False)
    feats["weekend_share"] = g["weekend"].mean()
    feats["months_active"] = g["month"].nunique()
    gaps = g["date"].diff().dt.days
    gg = gaps.groupby(hist["customer_id"], sort=False)
    feats["gap_mean"] = gg.mean()
    feats["gap_std"] = gg.std()
    feats["gap_max"] = gg.max()
    feats["recency_ratio"] = feats["recency"] / feats["gap_mean"]
    for w in (30, 90, 180):
        recent = hist[hist["date"] > c - pd.Timedelta(days=w)].groupby("customer_id", sort=False)["amount"]
        feats[f"n_{w}"] = recent.size()
        feats[f"spend_{w}"] = recent.sum()
    prev = hist[(hist["date"] > c - pd.Timedelta(days=180)) & (hist["date"] <= c - pd.Timedelta(days=90))]
    b = prev.groupby("customer_id", sort=False)["amount"].sum().reindex(feats.index).fillna(0)
    a = feats["spend_90"].fillna(0)
    feats["trend"] = ((a - b) / (a + b)).fillna(0)
    future = df[(df["date"] > c) & (df["date"] <= c + pd.Timedelta(days=HORIZON))]["customer_id"].unique()
    feats["churned"] = (~feats.index.isin(future)).astype(int)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(df), len(feats)


def run_duckdb(path):
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    t0 = time.perf_counter()
    con.execute(f"""CREATE TABLE t AS SELECT * FROM read_csv('{path}', header=true,
        columns={{'customer_id':'VARCHAR','date':'DATE','amount':'DOUBLE','quantity':'DOUBLE','category':'VARCHAR'}})""")
    t1 = time.perf_counter()
    rows = con.execute(f"""
    WITH bounds AS (SELECT max(date) - INTERVAL {HORIZON} DAY AS c FROM t),
    hist AS (SELECT t.*, date_diff('day', lag(date) OVER (PARTITION BY customer_id ORDER BY date), date) AS gap
             FROM t, bounds WHERE date <= bounds.c),
    f AS (
      SELECT customer_id, min(date) AS first, max(date) AS last, count(*) AS n, sum(amount) AS total,
             avg(amount) AS mean, max(amount) AS max, sum(quantity) AS qty_total, avg(quantity) AS qty_mean,
             count(DISTINCT category) AS categories, avg(CASE WHEN isodow(date) >= 6 THEN 1 ELSE 0 END) AS weekend_share,
             count(DISTINCT year(date) * 12 + month(date)) AS months_active,
             avg(gap) AS gap_mean, stddev_samp(gap) AS gap_std, max(gap) AS gap_max,
             sum(CASE WHEN date > (SELECT c FROM bounds) - INTERVAL 30 DAY THEN 1 ELSE 0 END) AS n_30,
             sum(CASE WHEN date > (SELECT c FROM bounds) - INTERVAL 30 DAY THEN amount ELSE 0 END) AS spend_30,
             sum(CASE WHEN date > (SELECT c FROM bounds) - INTERVAL 90 DAY THEN 1 ELSE 0 END) AS n_90,
             sum(CASE WHEN date > (SELECT c FROM bounds) - INTERVAL 90 DAY THEN amount ELSE 0 END) AS spend_90,
             sum(CASE WHEN date > (SELECT c FROM bounds) - INTERVAL 180 DAY THEN 1 ELSE 0 END) AS n_180,
             sum(CASE WHEN date > (SELECT c FROM bounds) - INTERVAL 180 DAY THEN amount ELSE 0 END) AS spend_180,
             sum(CASE WHEN date > (SELECT c FROM bounds) - INTERVAL 180 DAY AND date <= (SELECT c FROM bounds) - INTERVAL 90 DAY
                      THEN amount ELSE 0 END) AS spend_prev_90
      FROM hist GROUP BY customer_id),
    future AS (SELECT DISTINCT customer_id FROM t, bounds WHERE date > bounds.c AND date <= bounds.c + INTERVAL {HORIZON} DAY)
    SELECT f.*, date_diff('day', f.last, (SELECT c FROM bounds)) AS recency,
           date_diff('day', f.first, (SELECT c FROM bounds)) AS tenure,
           date_diff('day', f.last, (SELECT c FROM bounds)) / f.gap_mean AS recency_ratio,
           CASE WHEN spend_90 + spend_prev_90 > 0 THEN (spend_90 - spend_prev_90) / (spend_90 + spend_prev_90) ELSE 0 END AS trend,
           CASE WHEN future.customer_id IS NULL THEN 1 ELSE 0 END AS churned
    FROM f LEFT JOIN future USING (customer_id)
    """).fetchnumpy()
    t2 = time.perf_counter()
    n = con.execute("SELECT count(*) FROM t").fetchone()[0]
    return t1 - t0, t2 - t1, n, len(rows["customer_id"])


def main():
    path = sys.argv[1]
    if "--engine" in sys.argv:
        engine = sys.argv[sys.argv.index("--engine") + 1]
        load, feats, n, customers = (run_pandas if engine == "pandas" else run_duckdb)(path)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        import importlib
        version = importlib.import_module(engine).__version__
        print(json.dumps({"engine": f"{engine} {version}", "load_s": load, "features_s": feats,
                          "total_s": load + feats, "peak_mb": peak_mb, "rows": n, "customers": customers}))
        return
    for engine in ("pandas", "duckdb"):
        r = subprocess.run([sys.executable, __file__, path, "--engine", engine], capture_output=True, text=True)
        if r.returncode != 0:
            print(json.dumps({"engine": engine, "error": r.stderr.strip().splitlines()[-1:]}))
        else:
            print(r.stdout.strip())
        sys.stdout.flush()


if __name__ == "__main__":
    main()
