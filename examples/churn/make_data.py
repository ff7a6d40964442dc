"""Generate the synthetic telecom customer table used by ``churn.ipynb``.

Deterministic (seeded numpy generator), a few thousand rows, written to
``data/customers.csv`` next to this script. The churn label comes from a logistic
model over contract type, tenure, service, billing and support calls, plus noise, so
a reasonable classifier lands around 0.8-0.85 ROC AUC rather than a perfect score.

    python make_data.py [--rows N] [--seed S]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "customers.csv"


def make_customers(n_rows: int = 4000, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)

    gender = rng.choice(["Female", "Male"], size=n_rows)
    senior = (rng.random(n_rows) < 0.16).astype(int)
    partner = rng.random(n_rows) < 0.48
    dependents = rng.random(n_rows) < np.where(partner, 0.45, 0.12)

    contract = rng.choice(
        ["Month-to-month", "One year", "Two year"], size=n_rows, p=[0.55, 0.21, 0.24]
    )
    # Long contracts go with long tenure; month-to-month skews towards new customers.
    tenure = np.select(
        [contract == "Month-to-month", contract == "One year"],
        [rng.exponential(17.0, n_rows), rng.uniform(6, 72, n_rows)],
        rng.triangular(12, 60, 72, n_rows),
    )
    tenure = np.clip(np.round(tenure), 0, 72).astype(int)

    internet = rng.choice(
        ["Fiber optic", "DSL", "No"], size=n_rows, p=[0.44, 0.34, 0.22]
    )
    has_internet = internet != "No"
    tech_support = np.where(
        has_internet,
        np.where(rng.random(n_rows) < 0.32, "Yes", "No"),
        "No internet service",
    )
    streaming_tv = np.where(
        has_internet,
        np.where(rng.random(n_rows) < 0.45, "Yes", "No"),
        "No internet service",
    )
    paperless = rng.random(n_rows) < 0.59
    payment = rng.choice(
        [
            "Electronic check",
            "Mailed check",
            "Bank transfer (automatic)",
            "Credit card (automatic)",
        ],
        size=n_rows,
        p=[0.34, 0.23, 0.22, 0.21],
    )

    base_charge = np.select(
        [internet == "Fiber optic", internet == "DSL"], [78.0, 50.0], 20.5
    )
    monthly = (
        base_charge
        + 9.5 * (streaming_tv == "Yes")
        + 5.0 * (tech_support == "Yes")
        + rng.normal(0, 4.5, n_rows)
    )
    monthly = np.round(np.clip(monthly, 18.25, 119.0), 2)
    total = np.round(monthly * tenure * rng.normal(1.0, 0.03, n_rows), 2)
    total_str = np.where(tenure == 0, " ", total.astype(str))  # blank for new customers

    support_calls = rng.poisson(
        0.6 + 0.9 * (internet == "Fiber optic") + 0.5 * (tech_support == "No"), n_rows
    )

    month_to_month = contract == "Month-to-month"
    fiber = internet == "Fiber optic"
    e_check = payment == "Electronic check"
    logit = (
        -0.1
        + 1.3 * month_to_month
        - 0.95 * (contract == "Two year")
        - 1.1 * np.log1p(tenure)
        + 0.018 * tenure  # most churn happens in the first months
        + 0.45 * fiber
        - 0.35 * (internet == "No")
        + 0.25 * e_check
        + 0.9 * (e_check & month_to_month)
        + 0.3 * paperless
        + 0.15 * senior
        + 0.8 * (senior & fiber)
        - 0.4 * (tech_support == "Yes")
        + 0.1 * support_calls
        + 1.3 * (support_calls >= 3)  # repeated calls: the problem was not fixed
        + 0.012 * (monthly - 65)
        - 0.2 * partner
        + rng.normal(0, 0.35, n_rows)
    )
    churn = rng.random(n_rows) < 1 / (1 + np.exp(-logit))

    return pd.DataFrame(
        {
            "customer_id": [f"C{100000 + i}" for i in range(n_rows)],
            "gender": gender,
            "senior_citizen": senior,
            "partner": np.where(partner, "Yes", "No"),
            "dependents": np.where(dependents, "Yes", "No"),
            "tenure_months": tenure,
            "contract": contract,
            "internet_service": internet,
            "tech_support": tech_support,
            "streaming_tv": streaming_tv,
            "paperless_billing": np.where(paperless, "Yes", "No"),
            "payment_method": payment,
            "monthly_charges": monthly,
            "total_charges": total_str,
            "support_calls_90d": support_calls,
            "churn": np.where(churn, "Yes", "No"),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    df = make_customers(args.rows, args.seed)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT, index=False)
    rate = (df["churn"] == "Yes").mean()
    print(f"wrote {OUT.relative_to(HERE)}: {len(df)} rows, churn rate {rate:.1%}")


if __name__ == "__main__":
    main()
