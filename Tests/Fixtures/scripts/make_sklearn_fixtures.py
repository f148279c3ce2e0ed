#!/usr/bin/env python3
"""Computes the known answers that ChurnKit's evaluation and logistic-regression tests compare against.

Run once from the repository root (numbers are committed; the packages are not):
    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn numpy
    /tmp/skvenv/bin/python Tests/Fixtures/scripts/make_sklearn_fixtures.py

Writes
    Tests/Fixtures/logistic_data.csv       200 rows x 5 features + label + weight, generated deterministically
    Tests/Fixtures/sklearn_logistic.json   scikit-learn LogisticRegression fits on that data (standardised)
    Tests/Fixtures/sklearn_metrics.json    scikit-learn / scipy metrics on scores with many ties
"""
import json
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.stats import ks_2samp
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, confusion_matrix,
                             f1_score, log_loss, precision_recall_curve, precision_score, recall_score,
                             roc_auc_score, roc_curve)
from sklearn.preprocessing import StandardScaler

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def logistic_data():
    """Five features on very different scales (so standardisation matters), labels from a known logit."""
    rng = np.random.RandomState(20240601)
    n = 200
    age = rng.normal(45.0, 12.0, n)                 # years
    spend = rng.exponential(80.0, n)                # currency per month
    tickets = rng.poisson(2.0, n).astype(float)     # support tickets
    tenure = rng.uniform(0.0, 60.0, n)              # months
    noise = rng.normal(0.0, 1.0, n)                 # unrelated to the label
    logit = -0.5 + 0.03 * (age - 45.0) - 0.01 * (spend - 80.0) + 0.45 * (tickets - 2.0) - 0.04 * (tenure - 30.0)
    y = (rng.uniform(0.0, 1.0, n) < 1.0 / (1.0 + np.exp(-logit))).astype(float)
    weight = 1.0 + (np.arange(n) % 3)               # 1, 2, 3, 1, 2, 3, ...
    x = np.column_stack([age, spend, tickets, tenure, noise])
    return x, y, weight


def fit(x, y, **kw):
    sample_weight = kw.pop("sample_weight", None)
    scaler = StandardScaler().fit(x)
    z = scaler.transform(x)
    model = LogisticRegression(**kw).fit(z, y, sample_weight=sample_weight)
    coef = model.coef_.ravel()
    intercept = float(model.intercept_[0])
    # Objective in sklearn's own terms: C * sum(w * logloss) + (1 - r)/2 |b|^2 + r |b|_1.
    c = kw.get("C", 1.0)
    r = kw.get("l1_ratio", 0.0)
    p = model.predict_proba(z)[:, 1]
    w = np.ones_like(y) if sample_weight is None else sample_weight
    if kw.get("class_weight") == "balanced":
        counts = np.array([w[y == 0].sum(), w[y == 1].sum()])
        cw = w.sum() / (2 * counts)
        w = w * np.where(y == 1, cw[1], cw[0])
    loss = -np.sum(w * (y * np.log(p) + (1 - y) * np.log(1 - p)))
    objective = c * loss + 0.5 * (1 - r) * np.sum(coef ** 2) + r * np.sum(np.abs(coef))
    return {
        "params": {k: v for k, v in kw.items()},
        "weighted": sample_weight is not None,
        "iterations": int(model.n_iter_[0]),
        "coefficientsPerStd": floats(coef),
        "intercept": float(intercept - np.sum(coef * scaler.mean_ / scaler.scale_)),
        "coefficientsOriginalUnits": floats(coef / scaler.scale_),
        "interceptStandardized": intercept,
        "objective": float(objective),
        "probabilitiesFirst10": floats(p[:10]),
    }


def logistic_fixtures():
    x, y, weight = logistic_data()
    with open(os.path.join(ROOT, "logistic_data.csv"), "w") as f:
        f.write("age,spend,tickets,tenure,noise,label,weight\n")
        for i in range(len(y)):
            f.write(",".join(repr(float(v)) for v in list(x[i]) + [y[i], weight[i]]) + "\n")
    tight = dict(tol=1e-12, max_iter=1_000_000, random_state=0)
    fits = {
        "l2": fit(x, y, C=1.0, l1_ratio=0.0, solver="lbfgs", **tight),
        "l2_weighted": fit(x, y, C=0.5, l1_ratio=0.0, solver="lbfgs", sample_weight=weight, **tight),
        "l2_balanced": fit(x, y, C=1.0, l1_ratio=0.0, solver="lbfgs", class_weight="balanced", **tight),
        "l1": fit(x, y, C=0.05, l1_ratio=1.0, solver="saga", **tight),
        "elasticnet": fit(x, y, C=0.05, l1_ratio=0.5, solver="saga", **tight),
        "l1_balanced_weighted": fit(x, y, C=0.05, l1_ratio=1.0, solver="saga", class_weight="balanced",
                                    sample_weight=weight, **tight),
    }
    # The same data with a constant sixth feature: its coefficient must be exactly zero, the rest unchanged.
    xc = np.column_stack([x, np.full(len(y), 7.0)])
    fits["l2_constant_feature"] = fit(xc, y, C=1.0, l1_ratio=0.0, solver="lbfgs", **tight)
    doc = {"generator": "Tests/Fixtures/scripts/make_sklearn_fixtures.py",
           "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
           "positives": int(y.sum()), "rows": len(y), "fits": fits}
    with open(os.path.join(ROOT, "sklearn_logistic.json"), "w") as f:
        json.dump(doc, f, indent=1)


def metric_fixtures():
    rng = np.random.RandomState(7)
    n = 300
    y = (rng.uniform(size=n) < 0.35).astype(float)
    # Scores rounded to one decimal: many ties, and informative (positives score higher on average).
    raw = np.clip(rng.normal(0.35 + 0.25 * y, 0.2), 0.0, 1.0)
    scores = np.round(raw, 1)
    w = np.round(rng.uniform(0.5, 2.0, n), 3)
    pred = (scores >= 0.5).astype(float)
    probs = scores.copy()
    probs[:3] = [0.0, 1.0, 0.0]   # exercise log-loss clipping
    out = {
        "generator": "Tests/Fixtures/scripts/make_sklearn_fixtures.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "scores": floats(scores), "labels": floats(y), "weights": floats(w), "probabilities": floats(probs),
        "rocAUC": float(roc_auc_score(y, scores)),
        "rocAUCWeighted": float(roc_auc_score(y, scores, sample_weight=w)),
        "averagePrecision": float(average_precision_score(y, scores)),
        "averagePrecisionWeighted": float(average_precision_score(y, scores, sample_weight=w)),
        "logLoss": float(log_loss(y, probs)),
        "logLossWeighted": float(log_loss(y, probs, sample_weight=w)),
        "brier": float(brier_score_loss(y, probs)),
        "brierWeighted": float(brier_score_loss(y, probs, sample_weight=w)),
        "ks": float(ks_2samp(scores[y == 1], scores[y == 0]).statistic),
        "accuracyAt05": float(accuracy_score(y, pred)),
        "precisionAt05": float(precision_score(y, pred)),
        "recallAt05": float(recall_score(y, pred)),
        "f1At05": float(f1_score(y, pred)),
        "f1At05Weighted": float(f1_score(y, pred, sample_weight=w)),
        "confusionAt05Weighted": floats(confusion_matrix(y, pred, sample_weight=w)),  # tn, fp, fn, tp
    }
    for drop in (False, True):
        fpr, tpr, thr = roc_curve(y, scores, drop_intermediate=drop)
        out["rocCurveDrop" if drop else "rocCurve"] = {"fpr": floats(fpr), "tpr": floats(tpr),
                                                      "thresholds": floats(thr[1:])}
    fpr, tpr, thr = roc_curve(y, scores, sample_weight=w, drop_intermediate=False)
    out["rocCurveWeighted"] = {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(thr[1:])}
    prec, rec, thr = precision_recall_curve(y, scores)
    out["prCurve"] = {"precision": floats(prec), "recall": floats(rec), "thresholds": floats(thr)}
    # Calibration on continuous probabilities (no rounding) and on the tied scores.
    cont = np.clip(raw, 0.0, 1.0)
    out["continuous"] = floats(cont)
    for name, values in (("continuous", cont), ("tied", scores)):
        for strategy in ("uniform", "quantile"):
            for bins in (5, 10):
                t, p = calibration_curve(y, values, n_bins=bins, strategy=strategy)
                out[f"calibration_{name}_{strategy}_{bins}"] = {"fractionPositive": floats(t), "meanPredicted": floats(p)}
    with open(os.path.join(ROOT, "sklearn_metrics.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    logistic_fixtures()
    metric_fixtures()
    print("fixtures written to", ROOT, file=sys.stderr)
