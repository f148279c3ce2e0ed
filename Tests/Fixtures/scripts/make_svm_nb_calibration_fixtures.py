#!/usr/bin/env python3
"""Known answers for ChurnKit's linear SVM, Gaussian naive Bayes, Platt scaling, isotonic regression and
seeded generator tests.

Run once from the repository root (numbers are committed; the packages are not):
    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn numpy
    /tmp/skvenv/bin/python Tests/Fixtures/scripts/make_svm_nb_calibration_fixtures.py

Reads  Tests/Fixtures/logistic_data.csv (written by make_sklearn_fixtures.py)
Writes Tests/Fixtures/sklearn_svm_nb_calibration.json
"""
import json
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from sklearn.calibration import _sigmoid_calibration
from sklearn.isotonic import IsotonicRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
MASK = (1 << 64) - 1


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def load():
    data = np.loadtxt(os.path.join(ROOT, "logistic_data.csv"), delimiter=",", skiprows=1)
    return data[:, :5], data[:, 5], data[:, 6]


def class_weights(y, w, balanced):
    if not balanced:
        return w
    counts = np.array([w[y == 0].sum(), w[y == 1].sum()])
    cw = w.sum() / (2 * counts)
    return w * np.where(y == 1, cw[1], cw[0])


def svm_fit(x, y, loss, C, weight=None, balanced=False):
    z = StandardScaler().fit_transform(x)
    model = LinearSVC(loss=loss, C=C, dual=True, tol=1e-10, max_iter=1_000_000, intercept_scaling=1.0,
                      class_weight="balanced" if balanced else None, random_state=0)
    model.fit(z, y, sample_weight=weight)
    coef = model.coef_.ravel()
    b = float(model.intercept_[0])
    f = model.decision_function(z)
    w = class_weights(y, np.ones_like(y) if weight is None else weight, balanced)
    violation = np.maximum(0.0, 1.0 - np.where(y == 1, 1.0, -1.0) * f)
    per_row = violation if loss == "hinge" else violation ** 2
    # Primal objective of LIBLINEAR: the bias column (value intercept_scaling = 1) is regularised too.
    objective = 0.5 * (np.sum(coef ** 2) + b ** 2) + C * np.sum(w * per_row)
    return {"loss": loss, "C": C, "weighted": weight is not None, "balanced": balanced,
            "iterations": int(model.n_iter_), "coefficientsPerStd": floats(coef), "interceptStandardized": b,
            "objective": float(objective), "decision": floats(f)}


def svm_fixtures(x, y, weight):
    return {
        "hinge": svm_fit(x, y, "hinge", 1.0),
        "squared_hinge": svm_fit(x, y, "squared_hinge", 1.0),
        "hinge_small_c": svm_fit(x, y, "hinge", 0.05),
        "squared_hinge_weighted": svm_fit(x, y, "squared_hinge", 0.1, weight=weight),
        "hinge_balanced": svm_fit(x, y, "hinge", 0.5, balanced=True),
        "squared_hinge_balanced_weighted": svm_fit(x, y, "squared_hinge", 1.0, weight=weight, balanced=True),
    }


def nb_fixtures(x, y, weight):
    out = {}
    for name, kw, sw in (("plain", {}, None), ("weighted", {}, weight), ("equal_priors", {"priors": [0.5, 0.5]}, None),
                         ("smoothing", {"var_smoothing": 0.05}, None)):
        model = GaussianNB(**kw).fit(x, y, sample_weight=sw)
        out[name] = {"probabilities": floats(model.predict_proba(x)[:, 1]), "means": [floats(r) for r in model.theta_],
                     "variances": [floats(r) for r in model.var_], "epsilon": float(model.epsilon_),
                     "priors": floats(model.class_prior_)}
    return out


def platt_tight(f, y, w):
    """The same objective as _sigmoid_calibration, minimised to machine precision (reference for A, B)."""
    prior1 = w[y > 0].sum()
    prior0 = w[y <= 0].sum()
    t = np.where(y > 0, (prior1 + 1) / (prior1 + 2), 1 / (prior0 + 2))

    def fun(ab):
        z = ab[0] * f + ab[1]
        loss = np.sum(w * (t * z + np.logaddexp(0, -z)))
        p = 1 / (1 + np.exp(z))
        g = w * (t - p)
        return loss, np.array([np.sum(g * f), np.sum(g)])

    r = minimize(fun, [0.0, np.log((prior0 + 1) / (prior1 + 1))], jac=True, method="BFGS",
                 options={"gtol": 1e-13, "maxiter": 10000})
    return floats(r.x), float(r.fun)


def platt_fixtures():
    rng = np.random.RandomState(11)
    n = 400
    y = (rng.uniform(size=n) < 0.3).astype(float)
    f = rng.normal(1.5 * y - 0.5, 1.0)            # decision values, positives higher
    w = np.round(rng.uniform(0.5, 3.0, n), 2)
    out = {"scores": floats(f), "labels": floats(y), "weights": floats(w)}
    for name, sw in (("plain", None), ("weighted", w)):
        a, b = _sigmoid_calibration(f, y, sample_weight=sw)
        (ta, tb), loss = platt_tight(f, y, np.ones(n) if sw is None else sw)
        out[name] = {"sklearn": [float(a), float(b)], "tight": [ta, tb], "loss": loss}
    return out


def isotonic_fixtures():
    rng = np.random.RandomState(5)
    n = 120
    s = np.round(rng.uniform(0, 1, n), 2)          # ties
    y = (rng.uniform(size=n) < 0.15 + 0.7 * s ** 2).astype(float)
    w = np.round(rng.uniform(0.5, 2.0, n), 2)
    query = floats(np.concatenate([[-0.5, 0.0, 0.005, 1.2], np.linspace(0, 1, 37)]))
    out = {"scores": floats(s), "labels": floats(y), "weights": floats(w), "query": query}
    for name, sw in (("plain", None), ("weighted", w)):
        model = IsotonicRegression(out_of_bounds="clip").fit(s, y, sample_weight=sw)
        out[name] = {"thresholds": floats(model.X_thresholds_), "values": floats(model.y_thresholds_),
                     "predictions": floats(model.predict(np.array(query)))}
    return out


def xoshiro_fixture(seed, count):
    """xoshiro256** seeded by SplitMix64, written independently of the Swift code."""
    state = []
    x = seed
    for _ in range(4):
        x = (x + 0x9E3779B97F4A7C15) & MASK
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        state.append(z ^ (z >> 31))
    s = state

    def rotl(v, k):
        return ((v << k) | (v >> (64 - k))) & MASK

    out = []
    for _ in range(count):
        out.append(str((rotl((s[1] * 5) & MASK, 7) * 9) & MASK))
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
    return out


if __name__ == "__main__":
    x, y, weight = load()
    doc = {"generator": "Tests/Fixtures/scripts/make_svm_nb_calibration_fixtures.py",
           "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
           "svm": svm_fixtures(x, y, weight), "naiveBayes": nb_fixtures(x, y, weight),
           "platt": platt_fixtures(), "isotonic": isotonic_fixtures(),
           "xoshiro": {"seed42": xoshiro_fixture(42, 6), "seed0": xoshiro_fixture(0, 3)}}
    with open(os.path.join(ROOT, "sklearn_svm_nb_calibration.json"), "w") as f:
        json.dump(doc, f, indent=1)
    print("wrote", os.path.join(ROOT, "sklearn_svm_nb_calibration.json"), file=sys.stderr)
