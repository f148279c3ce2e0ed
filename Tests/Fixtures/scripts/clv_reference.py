"""Known answers for the BG/NBD and Gamma-Gamma tests (ChurnKitTests/Insights/BGNBD*, GammaGamma*, CustomerValue*).

Run from the repository root with the `lifetimes` package installed (0.11.3 was used; it installs with pip on
Python 3.11 together with autograd):

    python3 -m venv /tmp/clvenv --system-site-packages && /tmp/clvenv/bin/pip install lifetimes
    /tmp/clvenv/bin/python Tests/Fixtures/scripts/clv_reference.py

Writes:
- Tests/Fixtures/cdnow_summary.csv: lifetimes' bundled CDNOW summary (2357 customers, time in weeks) with the
  average repeat-purchase value (`load_cdnow_summary_data_with_monetary_value`).
- Tests/Fixtures/cdnow_transactions.csv: the first 300 customers of lifetimes' CDNOW_sample.txt transaction log
  (customer_id, date, amount), for the RFM summary test.
- Tests/Fixtures/clv_reference.json: lifetimes' fits and predictions on those files, plus the probability of no
  purchase in a window computed by numerical double integration over the posterior (independent of the closed form).
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import integrate, stats
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value
from lifetimes.utils import summary_data_from_transaction_data

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.dirname(here)

# --- CDNOW summary -------------------------------------------------------------------------------------------
summary = load_cdnow_summary_data_with_monetary_value().reset_index()
summary.columns = ["ID", "frequency", "recency", "T", "monetary_value"]
summary.to_csv(os.path.join(fixtures, "cdnow_summary.csv"), index=False)
f, r, T, m = (summary[c].to_numpy(float) for c in ["frequency", "recency", "T", "monetary_value"])

bgf = BetaGeoFitter().fit(f, r, T)
p = bgf.params_
n = len(f)
scale = 1.0 / T.max()
# Log-likelihood in the data's own time unit (no scaling, summed), with lifetimes' own formula.
ll_unscaled = -BetaGeoFitter._negative_log_likelihood(np.log(p.to_numpy()), f.astype(int), r, T, np.ones(n), 0.0) * n
picks = [0, 1, 2, 17, 99, 1000, 2356]  # rows (0-based); includes one-time buyers (rows 2, 1000)
t_cond = [1.0, 10.0, 39.0, 52.0]
ref = {
    "lifetimes_version": lifetimes.__version__,
    "bgnbd": {
        "r": p["r"], "alpha": p["alpha"], "a": p["a"], "b": p["b"],
        "lifetimes_mean_negative_log_likelihood_scaled": float(bgf._negative_log_likelihood_),
        "time_scale": scale,
        "log_likelihood": float(ll_unscaled),
        "rows": picks,
        "p_alive": [float(v) for v in bgf.conditional_probability_alive(f[picks], r[picks], T[picks])],
        "t": t_cond,
        "conditional_expected_purchases": [
            [float(v) for v in bgf.conditional_expected_number_of_purchases_up_to_time(t, f[picks], r[picks], T[picks])]
            for t in t_cond],
        "expected_purchases_t": [1.0, 10.0, 39.0, 78.0],
        "expected_purchases": [float(bgf.expected_number_of_purchases_up_to_time(t)) for t in [1.0, 10.0, 39.0, 78.0]],
    },
}

# Penalised fit (lifetimes scales time so that the oldest customer has age 1 and penalises the scaled parameters).
bgp = BetaGeoFitter(penalizer_coef=0.1).fit(f, r, T)
ref["bgnbd_penalized"] = {"penalizer": 0.1, "r": bgp.params_["r"], "alpha": bgp.params_["alpha"],
                          "a": bgp.params_["a"], "b": bgp.params_["b"],
                          "lifetimes_objective": float(bgp._negative_log_likelihood_)}

# Probability of no repeat purchase in (T, T + t]: the lambda integral numerically (scipy quad), the p integral
# with Beta functions, i.e. without the closed form's algebra.
def p_none(x, tx, TT, t, r_, al, a_, b_):
    from scipy.special import beta as B
    alive_w = B(a_, b_ + x) / B(a_, b_)                         # E[(1-p)^x]
    dead_w = B(a_ + 1, b_ + x - 1) / B(a_, b_) if x > 0 else 0.0  # E[p (1-p)^(x-1)]
    def lam_int(s):
        return integrate.quad(lambda lam: stats.gamma.pdf(lam, r_, scale=1 / al) * lam ** x * np.exp(-lam * s),
                              0, np.inf, epsabs=0, epsrel=1e-12, limit=500)[0]
    dead = dead_w * lam_int(tx) if x > 0 else 0.0
    return (alive_w * lam_int(TT + t) + dead) / (alive_w * lam_int(TT) + dead)

pa = (p["r"], p["alpha"], p["a"], p["b"])
ref["bgnbd"]["p_no_purchase_t"] = 26.0
ref["bgnbd"]["p_no_purchase"] = [p_none(int(f[i]), r[i], T[i], 26.0, *pa) for i in picks]

# --- Gamma-Gamma -----------------------------------------------------------------------------------------------
rep = summary[summary.frequency > 0]
ggf = GammaGammaFitter().fit(rep["frequency"], rep["monetary_value"])
q = ggf.params_
ref["gamma_gamma"] = {
    "p": q["p"], "q": q["q"], "v": q["v"],
    "customers": int(len(rep)),
    "lifetimes_mean_negative_log_likelihood": float(ggf._negative_log_likelihood_),
    "rows": picks,
    "conditional_expected_average_profit": [float(v) for v in ggf.conditional_expected_average_profit(
        pd.Series(f[picks]), pd.Series(m[picks]))],
}
ggp = GammaGammaFitter(penalizer_coef=0.01).fit(rep["frequency"], rep["monetary_value"])
ref["gamma_gamma_penalized"] = {"penalizer": 0.01, "p": ggp.params_["p"], "q": ggp.params_["q"], "v": ggp.params_["v"]}

idx = pd.Index(picks)
clv = ggf.customer_lifetime_value(bgf, pd.Series(f[picks], index=idx), pd.Series(r[picks], index=idx),
                                  pd.Series(T[picks], index=idx), pd.Series(m[picks], index=idx),
                                  time=12, discount_rate=0.01, freq="W")
ref["clv"] = {"months": 12, "monthly_discount_rate": 0.01, "periods_per_month": 4.345, "rows": picks,
              "values": [float(v) for v in clv.to_numpy()]}

# --- RFM summary from transactions ----------------------------------------------------------------------------
raw = pd.read_csv(os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "CDNOW_sample.txt"),
                  sep=r"\s+", header=None, names=["customer_id", "customer_index", "date", "quantity", "amount"],
                  dtype={"customer_id": str, "date": str})
first = sorted(raw["customer_id"].unique())[:300]
tx = raw[raw["customer_id"].isin(first)][["customer_id", "date", "amount"]].copy()
tx["date"] = pd.to_datetime(tx["date"], format="%Y%m%d").dt.strftime("%Y-%m-%d")
tx["customer_id"] = "C" + tx["customer_id"]
tx.to_csv(os.path.join(fixtures, "cdnow_transactions.csv"), index=False)
ref["rfm"] = {}
for name, end in [("at_last_date", None), ("at_1997_09_30", "1997-09-30")]:
    s = summary_data_from_transaction_data(tx, "customer_id", "date", monetary_value_col="amount",
                                           observation_period_end=end, freq="D")
    ref["rfm"][name] = {"end": end, "customer_id": list(s.index),
                        "frequency": s["frequency"].tolist(), "recency": s["recency"].tolist(),
                        "T": s["T"].tolist(), "monetary_value": s["monetary_value"].tolist()}

# Models in days on the transaction subset (what CustomerValue.estimate(log:) does), with lifetimes' CLV for daily data.
s = summary_data_from_transaction_data(tx, "customer_id", "date", monetary_value_col="amount", freq="D")
bd = BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
rd = s[s.frequency > 0]
gd = GammaGammaFitter().fit(rd["frequency"], rd["monetary_value"])
ref["daily"] = {
    "bgnbd": dict(bd.params_), "gamma_gamma": dict(gd.params_), "horizon_days": 90,
    "customer_id": list(s.index),
    "p_alive": bd.conditional_probability_alive(s["frequency"], s["recency"], s["T"]).tolist(),
    "expected_purchases": bd.conditional_expected_number_of_purchases_up_to_time(90, s["frequency"], s["recency"], s["T"]).tolist(),
    "expected_spend": gd.conditional_expected_average_profit(s["frequency"], s["monetary_value"]).tolist(),
    "clv": gd.customer_lifetime_value(bd, s["frequency"], s["recency"], s["T"], s["monetary_value"],
                                      time=12, discount_rate=0.01, freq="D").tolist(),
}

with open(os.path.join(fixtures, "clv_reference.json"), "w") as out:
    json.dump(ref, out, indent=1)
print(json.dumps({k: v for k, v in ref.items() if k != "rfm"}, indent=1)[:3000])
