#!/usr/bin/env python3
"""scikit-learn reference for the random forest benchmark (benchmark only, not a test fixture).

Makes the 100,000 x 40 make_classification set (n_informative=10, random_state=0) with the same
80/20 train/test assignment as gbdt_reference.py, writes it to CSV (default /tmp/forest_bench.csv,
not committed), fits RandomForestClassifier(n_estimators=100, n_jobs=2, max_features='sqrt'), and
prints fit time (wall clock, and process CPU time of both threads, steadier on a busy machine) and
test ROC-AUC, also with oob_score=True (and the OOB ROC-AUC) unless the second argument is "quick".
The figures are also written to <csv>.sklearn.csv.

Columns of the data CSV: f0..f39, label (0/1), split (train/test).
Run: python3 Tests/Fixtures/scripts/forest_reference.py [/tmp/forest_bench.csv [quick]]
Then: CHURN_FOREST_BENCH=/tmp/forest_bench.csv swift test -c release --filter RandomForestBenchmark
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/forest_bench.csv"
X, y = make_classification(n_samples=100000, n_features=40, n_informative=10, random_state=0)
rng = np.random.RandomState(1)
is_test = rng.rand(len(y)) < 0.2

with open(path, "w") as f:
    f.write(",".join([f"f{j}" for j in range(X.shape[1])] + ["label", "split"]) + "\n")
    for i in range(len(y)):
        f.write(",".join(repr(float(v)) for v in X[i]))
        f.write(f",{int(y[i])},{'test' if is_test[i] else 'train'}\n")

Xtr, ytr, Xte, yte = X[~is_test], y[~is_test], X[is_test], y[is_test]
quick = len(sys.argv) > 2 and sys.argv[2] == "quick"
results = []
for oob in ((False,) if quick else (False, True)):
    model = RandomForestClassifier(n_estimators=100, n_jobs=2, max_features="sqrt", oob_score=oob, random_state=0)
    t0, c0 = time.perf_counter(), time.process_time()
    model.fit(Xtr, ytr)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    auc = roc_auc_score(yte, model.predict_proba(Xte)[:, 1])
    oob_auc = roc_auc_score(ytr, model.oob_decision_function_[:, 1]) if oob else float("nan")
    leaves = np.mean([e.get_n_leaves() for e in model.estimators_])
    depth = np.mean([e.get_depth() for e in model.estimators_])
    results.append((oob, elapsed, cpu, auc, oob_auc, leaves, depth))
    print(f"sklearn {sklearn.__version__} forest oob_score={oob}: fit {elapsed:.3f} s (CPU {cpu:.3f} s), test ROC-AUC {auc:.5f}, "
          f"OOB ROC-AUC {oob_auc:.5f}, mean leaves {leaves:.0f}, mean depth {depth:.1f}")
print(f"rows train={len(ytr)} test={len(yte)} features={X.shape[1]}")

with open(path + ".sklearn.csv", "w") as f:
    f.write("oob_score,fit_seconds,cpu_seconds,test_roc_auc,oob_roc_auc,mean_leaves,mean_depth\n")
    for oob, elapsed, cpu, auc, oob_auc, leaves, depth in results:
        f.write(f"{oob},{elapsed:.4f},{cpu:.4f},{auc:.6f},{oob_auc:.6f},{leaves:.1f},{depth:.2f}\n")
