# %%
df = pd.read_csv("air.csv")
fill = df["pm25"].mean()
print(f"filling {df['pm25'].isna().sum()} values with {fill:.1f}")
df["pm25"] = df["pm25"].fillna(fill)
# %%
X_train, X_test, y_train, y_test = train_test_split(df[["pm25", "no2"]], df["alert"], random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
