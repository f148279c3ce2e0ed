#!/usr/bin/env python3
"""LightGBM reference for the gradient-boosting benchmark (benchmark only, not a test fixture).

Makes a 100,000 x 40 make_classification set, writes it with a train/test assignment to CSV
(default /tmp/gbdt_bench.csv, not committed), fits LightGBM with 100 trees, 31 leaves, learning
rate 0.1 and 2 threads, and prints the fit time and test ROC-AUC.

Columns of the CSV: f0..f39, label (0/1), split (train/test, 80/20 seeded).
Run: python3 Tests/Fixtures/scripts/gbdt_reference.py [/tmp/gbdt_bench.csv]
Then: CHURN_GBDT_BENCH=/tmp/gbdt_bench.csv swift test -c release --filter GradientBoostingBenchmark
"""
import sys
import time

import lightgbm as lgb
import numpy as np
from sklearn.datasets import make_classification
from sklearn.metrics import roc_auc_score

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/gbdt_bench.csv"
X, y = make_classification(n_samples=100000, n_features=40, n_informative=10, random_state=0)
rng = np.random.RandomState(1)
is_test = rng.rand(len(y)) < 0.2

with open(path, "w") as f:
    f.write(",".join([f"f{j}" for j in range(X.shape[1])] + ["label", "split"]) + "\n")
    for i in range(len(y)):
        f.write(",".join(repr(float(v)) for v in X[i]))
        f.write(f",{int(y[i])},{'test' if is_test[i] else 'train'}\n")

Xtr, ytr, Xte, yte = X[~is_test], y[~is_test], X[is_test], y[is_test]
params = dict(n_estimators=100, num_leaves=31, learning_rate=0.1, num_threads=2, verbose=-1)
best = None
for repeat in range(3):
    model = lgb.LGBMClassifier(**params)
    t0 = time.perf_counter()
    model.fit(Xtr, ytr)
    elapsed = time.perf_counter() - t0
    best = elapsed if best is None else min(best, elapsed)
auc = roc_auc_score(yte, model.predict_proba(Xte)[:, 1])
# One thread as well: on a shared, busy machine this figure moves much less than the two-thread one.
single = None
for repeat in range(3):
    one = lgb.LGBMClassifier(**dict(params, num_threads=1))
    t0 = time.perf_counter()
    one.fit(Xtr, ytr)
    elapsed = time.perf_counter() - t0
    single = elapsed if single is None else min(single, elapsed)
print(f"rows train={len(ytr)} test={len(yte)} features={X.shape[1]}")
print(f"lightgbm {lgb.__version__} fit seconds (best of 3): {best:.3f}")
print(f"lightgbm 1 thread fit seconds (best of 3): {single:.3f}")
print(f"lightgbm test ROC-AUC: {auc:.5f}")
