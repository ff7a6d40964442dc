"""Generate the synthetic daily electricity demand series used by ``forecast.ipynb``.

Deterministic (seeded numpy generator). Six years of daily data for a mid-sized
utility: demand in MWh driven by a slow trend, weekly and holiday effects, heating
and cooling load from the daily mean temperature, and autocorrelated noise. A few
temperature readings are missing, as they are in real weather feeds. Written to
``data/demand.csv`` next to this script.

    python make_data.py [--start 2019-01-01] [--end 2024-12-31] [--seed S]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "demand.csv"

# Easter Monday and Good Friday move; the rest are fixed-date public holidays.
EASTER_SUNDAY = {
    2019: "2019-04-21",
    2020: "2020-04-12",
    2021: "2021-04-04",
    2022: "2022-04-17",
    2023: "2023-04-09",
    2024: "2024-03-31",
    2025: "2025-04-20",
}
FIXED_HOLIDAYS = ["01-01", "05-01", "10-03", "12-25", "12-26"]


def holidays(years: range) -> set[pd.Timestamp]:
    days: set[pd.Timestamp] = set()
    for year in years:
        days.update(pd.Timestamp(f"{year}-{md}") for md in FIXED_HOLIDAYS)
        easter = pd.Timestamp(EASTER_SUNDAY[year])
        days.update({easter - pd.Timedelta(days=2), easter + pd.Timedelta(days=1)})
    return days


def ar1(rng: np.random.Generator, n: int, phi: float, sigma: float) -> np.ndarray:
    eps = rng.normal(0, sigma, n)
    out = np.empty(n)
    out[0] = eps[0] / np.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + eps[i]
    return out


def make_demand(start: str, end: str, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, end, freq="D")
    n = len(dates)
    doy = dates.day_of_year.to_numpy()
    years = (dates - dates[0]).days.to_numpy() / 365.25

    # Daily mean temperature: coldest mid-January, warmest mid-July, weather swings.
    temp = 10.5 - 9.5 * np.cos(2 * np.pi * (doy - 18) / 365.25) + ar1(rng, n, 0.75, 2.2)

    hol = dates.isin(sorted(holidays(range(dates[0].year, dates[-1].year + 1))))
    dow = dates.day_of_week.to_numpy()
    weekday_factor = np.select([dow == 5, dow == 6], [0.90, 0.85], 1.0)
    weekday_factor = np.where(hol, 0.86, weekday_factor)
    # Between Christmas and New Year offices and factories are mostly closed.
    xmas_break = (dates.month == 12) & (dates.day >= 24) | (dates.month == 1) & (
        dates.day <= 2
    )
    weekday_factor = np.where(xmas_break & ~hol, weekday_factor * 0.92, weekday_factor)

    heating = 430.0 * np.clip(15.5 - temp, 0, None)
    cooling = 650.0 * np.clip(temp - 21.0, 0, None)
    base = 29_500.0 * (1 + 0.012 * years)
    demand = (base + heating + cooling) * weekday_factor
    demand *= 1 + ar1(rng, n, 0.6, 0.014)

    temp_obs = np.round(temp, 1)
    gaps = rng.choice(n, size=9, replace=False)
    temp_obs[gaps] = np.nan

    return pd.DataFrame(
        {
            "date": dates.strftime("%Y-%m-%d"),
            "demand_mwh": np.round(demand, 1),
            "temperature_c": temp_obs,
            "is_holiday": hol.astype(int),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", default="2019-01-01")
    parser.add_argument("--end", default="2024-12-31")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    df = make_demand(args.start, args.end, args.seed)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT, index=False)
    print(
        f"wrote {OUT.relative_to(HERE)}: {len(df)} days, "
        f"mean demand {df['demand_mwh'].mean():,.0f} MWh"
    )


if __name__ == "__main__":
    main()
