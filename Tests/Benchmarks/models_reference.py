#!/usr/bin/env python3
"""Reference side of `churn bench compare`: scikit-learn, LightGBM and XGBoost on churn's folds.

Two commands:

  models_reference.py prepare DIR
      Writes DIR/breast-cancer.csv (scikit-learn's bundled data) and DIR/synthetic-100k.csv
      (make_classification(n_samples=100000, n_features=40, n_informative=10, random_state=0)) as
      feature tables (customer_id, features, churned), then a fold file DIR/NAME.folds.csv
      ("row,fold", 0-based) for every NAME.csv in DIR, including the retail and subscription feature
      tables that `churn bench compare` writes there first with `churn features`' code. Folds:
      StratifiedKFold(n_splits=5, shuffle=True, random_state=0).

  models_reference.py run TABLE.csv FOLDS.csv
      Reads the table and fold file exactly as churn does (every column but customer_id and churned is
      a number feature, blank = missing), cross-validates each library's equivalent of churn's
      benchmark settings (FoldBenchmark.swift) and prints one JSON document on stdout.

Matching settings (churn's side in brackets):
  logreg  SimpleImputer(mean, add_indicator) + StandardScaler + LogisticRegression(C=1, tol=1e-8)
          [L2, C=1, standardised]
  tree    DecisionTreeClassifier(max_depth=6, min_samples_leaf=20) on raw features, NaN native
  forest  RandomForestClassifier(100, sqrt, max_depth=8, min_samples_leaf=5, n_jobs=2)
  gbdt    LightGBM (100 rounds, lr 0.1, 31 leaves, min_child_samples 20, reg_lambda 0, 2 threads),
          XGBoost (hist, lossguide, max_leaves 31, lr 0.1, 100 rounds, lambda 0,
          min_child_weight 1e-3, 2 threads), HistGradientBoostingClassifier (max_iter 100,
          max_leaf_nodes 31, min_samples_leaf 20, l2 0, no early stopping)
  svm     imputer + scaler + CalibratedClassifierCV(LinearSVC(C=1), sigmoid, cv=3, ensemble=False)
  naive-bayes imputer + GaussianNB(var_smoothing=1e-9)
No class weights anywhere. Fit time = median over folds of the seconds of the whole pipeline's fit.

Needs (benchmark only): pip install scikit-learn lightgbm xgboost pandas
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "2")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

THREADS = 2
SETS = ["breast-cancer", "retail", "subscription", "synthetic-100k"]


def write_table(path, X, y):
    frame = pd.DataFrame(X, columns=[f"f{j}" for j in range(X.shape[1])])
    frame.insert(0, "customer_id", [f"r{i}" for i in range(len(y))])
    frame["churned"] = y.astype(int)
    # Fixed-point text: no exponents, so every CSV reader parses the same numbers.
    frame.to_csv(path, index=False, float_format="%.8f")


def read_table(path):
    frame = pd.read_csv(path, dtype={"customer_id": str}, keep_default_na=False, na_values=[""])
    y = frame["churned"].to_numpy(dtype=float)
    X = frame.drop(columns=[c for c in ("customer_id", "churned") if c in frame.columns]).to_numpy(dtype=float)
    return X, y


def read_folds(path, n):
    folds = pd.read_csv(path)
    assert list(folds.columns) == ["row", "fold"], f"{path}: expected the header row,fold"
    assignment = np.full(n, -1)
    assignment[folds["row"].to_numpy()] = folds["fold"].to_numpy()
    assert (assignment >= 0).all(), f"{path}: not every row has a fold"
    return assignment


def prepare(directory):
    from sklearn.datasets import load_breast_cancer, make_classification
    from sklearn.model_selection import StratifiedKFold

    os.makedirs(directory, exist_ok=True)
    data = load_breast_cancer()
    # scikit-learn codes malignant as 0; the positive ("churned") class is malignant, the rarer one.
    write_table(os.path.join(directory, "breast-cancer.csv"), data.data, 1 - data.target)
    X, y = make_classification(n_samples=100000, n_features=40, n_informative=10, random_state=0)
    write_table(os.path.join(directory, "synthetic-100k.csv"), X, y)
    for name in SETS:
        path = os.path.join(directory, name + ".csv")
        if not os.path.exists(path):
            print(f"prepare: {path} is missing, no folds written", file=sys.stderr)
            continue
        _, labels = read_table(path)
        assignment = np.zeros(len(labels), dtype=int)
        splitter = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        for f, (_, validation) in enumerate(splitter.split(np.zeros(len(labels)), labels)):
            assignment[validation] = f
        with open(os.path.join(directory, name + ".folds.csv"), "w") as out:
            out.write("row,fold\n")
            out.writelines(f"{i},{f}\n" for i, f in enumerate(assignment))
        print(f"prepare: {name}: {len(labels)} rows, churn rate {labels.mean():.3f}", file=sys.stderr)


def models():
    import lightgbm as lgb
    import sklearn
    import xgboost as xgb
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC
    from sklearn.tree import DecisionTreeClassifier

    sk = f"scikit-learn {sklearn.__version__}"

    def imputer():
        return SimpleImputer(strategy="mean", add_indicator=True)

    return [
        ("logreg", sk, "LogisticRegression",
         lambda: make_pipeline(imputer(), StandardScaler(), LogisticRegression(C=1.0, tol=1e-8, max_iter=1000))),
        ("tree", sk, "DecisionTreeClassifier",
         lambda: DecisionTreeClassifier(max_depth=6, min_samples_leaf=20, random_state=0)),
        ("forest", sk, "RandomForestClassifier(n_jobs=2)",
         lambda: RandomForestClassifier(n_estimators=100, max_features="sqrt", max_depth=8, min_samples_leaf=5,
                                        n_jobs=THREADS, random_state=0)),
        ("gbdt", f"LightGBM {lgb.__version__}", "LGBMClassifier",
         lambda: lgb.LGBMClassifier(n_estimators=100, learning_rate=0.1, num_leaves=31, min_child_samples=20,
                                    reg_lambda=0.0, num_threads=THREADS, verbose=-1)),
        ("gbdt", f"XGBoost {xgb.__version__}", "XGBClassifier(hist, lossguide)",
         lambda: xgb.XGBClassifier(n_estimators=100, learning_rate=0.1, tree_method="hist", grow_policy="lossguide",
                                   max_leaves=31, max_depth=0, reg_lambda=0.0, min_child_weight=1e-3, max_bin=255,
                                   n_jobs=THREADS, verbosity=0)),
        ("gbdt", sk, "HistGradientBoostingClassifier",
         lambda: HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                                                l2_regularization=0.0, early_stopping=False, random_state=0)),
        ("svm", sk, "LinearSVC + sigmoid CalibratedClassifierCV(cv=3)",
         lambda: make_pipeline(imputer(), StandardScaler(),
                               CalibratedClassifierCV(LinearSVC(C=1.0), method="sigmoid", cv=3, ensemble=False))),
        ("naive-bayes", sk, "GaussianNB",
         lambda: make_pipeline(imputer(), GaussianNB(var_smoothing=1e-9))),
    ]


def run(table, fold_file):
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    X, y = read_table(table)
    assignment = read_folds(fold_file, len(y))
    k = assignment.max() + 1
    results = []
    for family, library, model_name, make in models():
        aucs, prs, briers, seconds = [], [], [], []
        for f in range(k):
            train, valid = assignment != f, assignment == f
            model = make()
            t0 = time.perf_counter()
            model.fit(X[train], y[train])
            seconds.append(time.perf_counter() - t0)
            p = model.predict_proba(X[valid])[:, 1]
            aucs.append(roc_auc_score(y[valid], p))
            prs.append(average_precision_score(y[valid], p))
            briers.append(brier_score_loss(y[valid], p))
        print(f"  {library} {family}: AUC {np.mean(aucs):.4f}, {np.median(seconds):.3f} s per fold", file=sys.stderr)
        results.append(dict(library=library, family=family, model=model_name, rocAUC=float(np.mean(aucs)),
                            prAUC=float(np.mean(prs)), brier=float(np.mean(briers)), fitSeconds=float(np.median(seconds)),
                            foldAUC=[float(a) for a in aucs]))
    print(json.dumps(dict(file=table, rows=int(len(y)), features=int(X.shape[1]), folds=int(k), results=results)))


def main(argv):
    if len(argv) == 3 and argv[1] == "prepare":
        prepare(argv[2])
    elif len(argv) == 4 and argv[1] == "run":
        run(argv[2], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
