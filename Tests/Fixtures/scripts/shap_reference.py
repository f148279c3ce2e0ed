#!/usr/bin/env python3
"""LightGBM reference for the TreeSHAP benchmark (benchmark only, not a test fixture).

Makes the 100,000 x 40 make_classification set of gbdt_reference.py, writes it to CSV (default
/tmp/shap_bench.csv, not committed; columns f0..f39, label), fits LightGBM with 300 trees, 31 leaves,
learning rate 0.1 and 2 threads, then times pred_contrib (LightGBM's own TreeSHAP) on all 100,000 rows
and checks that its contributions add up to the raw score.

Run: python3 Tests/Fixtures/scripts/shap_reference.py [/tmp/shap_bench.csv]
Then: CHURN_SHAP_BENCH=/tmp/shap_bench.csv swift test -c release --filter ShapBenchmark
"""
import os
import sys
import time

import lightgbm as lgb
import numpy as np
from sklearn.datasets import make_classification

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/shap_bench.csv"
X, y = make_classification(n_samples=100000, n_features=40, n_informative=10, random_state=0)
if not os.path.exists(path):
    header = ",".join([f"f{j}" for j in range(X.shape[1])] + ["label"])
    np.savetxt(path, np.column_stack([X, y]), delimiter=",", header=header, comments="", fmt="%.17g")

params = dict(n_estimators=300, num_leaves=31, learning_rate=0.1, num_threads=2, verbose=-1)
model = lgb.LGBMClassifier(**params)
t0 = time.perf_counter()
model.fit(X, y)
fit = time.perf_counter() - t0

dump = model.booster_.dump_model()
depths = []
def walk(node, depth):
    if "leaf_index" in node:
        depths.append(depth)
    else:
        walk(node["left_child"], depth + 1)
        walk(node["right_child"], depth + 1)
for tree in dump["tree_info"]:
    walk(tree["tree_structure"], 0)

t0, c0 = time.perf_counter(), time.process_time()
contrib = model.booster_.predict(X, pred_contrib=True, num_threads=2)
shap_seconds, shap_cpu = time.perf_counter() - t0, time.process_time() - c0
raw = model.booster_.predict(X, raw_score=True, num_threads=2)
error = np.abs(contrib.sum(axis=1) - raw).max()

print(f"lightgbm {lgb.__version__}: fit {fit:.2f} s; trees={len(dump['tree_info'])} "
      f"leaves={len(depths)} mean leaf depth={np.mean(depths):.2f} max depth={max(depths)}")
print(f"lightgbm pred_contrib on {X.shape[0]} rows x {X.shape[1]} features, 2 threads: {shap_seconds:.2f} s "
      f"({shap_seconds / X.shape[0] * 1e3:.3f} ms per row), CPU time {shap_cpu:.2f} s; max |sum - raw| = {error:.2e}")
