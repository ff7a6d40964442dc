# %%
df = pd.read_csv("listings.csv")
df["price_vs_mean"] = df["price"] - df["price"].mean()
print(df.sort_values("price_vs_mean").head())
# %%
features = ["beds", "baths"]
X_train, X_test, y_train, y_test = train_test_split(df[features], df["price"], random_state=0)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
