"""Independent computation of the numbers DataProfilerTests.testSmallLogCounts expects.

Run: python3 Tests/Fixtures/scripts/profile_expectations.py
"""
import statistics
from datetime import date

rows = [
    ("A", "2024-01-01", 10), ("A", "2024-01-01", 10), ("A", "2024-02-01", -5),
    ("B", "2024-01-15", 20), ("B", "2030-01-01", 30), ("C", "2024-03-01", 1000),
]
amounts = [r[2] for r in rows]
mean = sum(amounts) / len(amounts)
std = statistics.stdev(amounts)                       # sample standard deviation (n - 1)
s = sorted(amounts)
def q(p):                                              # linear interpolation between closest ranks
    pos = p * (len(s) - 1); lo = int(pos); hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)
q1, q3 = q(0.25), q(0.75)
iqr_out = sum(1 for x in amounts if x < q1 - 1.5 * (q3 - q1) or x > q3 + 1.5 * (q3 - q1))
sigma_out = sum(1 for x in amounts if abs(x - mean) > 3 * std)
dup_rows = len(rows) - len(set(rows))
dup_tx = len(rows) - len({(c, d, a) for c, d, a in rows})
today = date(2025, 1, 1)
future = sum(1 for r in rows if date.fromisoformat(r[1]) > today)
span = (max(date.fromisoformat(r[1]) for r in rows) - min(date.fromisoformat(r[1]) for r in rows)).days
# Penalties: too-few-customers 4, future-dates 1, negative amounts min(1, 5 * 1/6),
# duplicate rows min(2, 0.5 + 10 * 1/6), duplicate transactions min(1.5, 0.5 + 10 * 1/6).
penalty = 4 + 1 + min(1, 5 / 6) + min(2, 0.5 + 10 / 6) + min(1.5, 0.5 + 10 / 6)
print(f"mean={mean} std={std:.10f} q1={q1} q3={q3} iqr_outliers={iqr_out} sigma_outliers={sigma_out}")
print(f"duplicate_rows={dup_rows} duplicate_transactions={dup_tx} future={future} span_days={span}")
print(f"score={round(max(0, min(10, 10 - penalty)), 1)}")
