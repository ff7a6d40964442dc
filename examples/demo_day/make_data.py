"""Generate the synthetic card-transaction table used by ``demo_day.ipynb``.

Deterministic (seeded numpy generator). Each row is one card transaction with a fraud
label (about 5% positives). Fraud is more likely for large online amounts, at night,
far from home, in a foreign country, on new accounts and after a burst of
transactions, with enough overlap that a model cannot separate the classes perfectly.
Written to ``data/transactions.csv`` next to this script (the notebook itself reads a
copy from ``~/Downloads/final_v2.csv``, which is part of what makes it a demo).

    python make_data.py [--rows N] [--seed S]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "transactions.csv"

CATEGORIES = {
    # name: (share of transactions, median amount, fraud log-odds shift)
    "grocery": (0.24, 38.0, -0.9),
    "gas": (0.13, 45.0, -0.3),
    "restaurants": (0.16, 31.0, -0.6),
    "online_retail": (0.17, 62.0, 0.8),
    "electronics": (0.08, 210.0, 1.0),
    "travel": (0.07, 340.0, 0.6),
    "entertainment": (0.10, 27.0, 0.0),
    "gift_cards": (0.05, 75.0, 1.4),
}


def make_transactions(n_rows: int = 6000, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    names = list(CATEGORIES)
    shares = np.array([CATEGORIES[c][0] for c in names])
    category = rng.choice(names, size=n_rows, p=shares / shares.sum())
    median = np.array([CATEGORIES[c][1] for c in category])
    cat_shift = np.array([CATEGORIES[c][2] for c in category])

    amount = np.round(median * rng.lognormal(0.0, 0.8, n_rows), 2)
    online = category.astype(object) == "online_retail"
    online |= rng.random(n_rows) < 0.22
    card_present = ~online & (rng.random(n_rows) < 0.97)
    hour = np.round(np.clip(rng.normal(14.5, 4.2, n_rows), 0, 23.9)).astype(int) % 24
    distance = np.round(rng.lognormal(1.6, 1.1, n_rows), 1)
    foreign = rng.random(n_rows) < 0.04
    account_age = np.clip(rng.gamma(2.0, 400.0, n_rows), 1, 4000).astype(int)
    txn_24h = rng.poisson(2.2, n_rows)

    night = (hour <= 5) | (hour >= 23)
    logit = (
        -3.85
        + cat_shift
        + 0.55 * np.log1p(amount / 100)
        + 0.9 * online
        - 0.7 * card_present
        + 1.1 * night
        + 0.45 * np.log1p(distance / 20)
        + 1.6 * foreign
        - 0.45 * np.log1p(account_age / 180)
        + 0.2 * np.clip(txn_24h - 2, 0, None)
        + rng.normal(0, 0.7, n_rows)
    )
    fraud = rng.random(n_rows) < 1 / (1 + np.exp(-logit))
    # Fraudsters test a card in bursts: more recent transactions when it is fraud.
    txn_24h = txn_24h + fraud * rng.poisson(2.0, n_rows)

    return pd.DataFrame(
        {
            "transaction_id": np.arange(880_001, 880_001 + n_rows),
            "amount": amount,
            "merchant_category": category,
            "hour": hour,
            "card_present": card_present.astype(int),
            "online": online.astype(int),
            "distance_from_home_km": distance,
            "foreign_country": foreign.astype(int),
            "account_age_days": account_age,
            "txn_count_24h": txn_24h,
            "is_fraud": fraud.astype(int),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    df = make_transactions(args.rows, args.seed)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT, index=False)
    print(
        f"wrote {OUT.relative_to(HERE)}: {len(df)} rows, "
        f"fraud rate {df['is_fraud'].mean():.1%}"
    )


if __name__ == "__main__":
    main()
