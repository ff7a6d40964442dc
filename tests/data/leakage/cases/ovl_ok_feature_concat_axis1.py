# %%
df = pd.read_csv("data.csv")
X = df[["a", "b"]]
X = pd.concat([X, X ** 2, np.log1p(X)], axis=1)
X_train, X_test, y_train, y_test = train_test_split(X, df["y"], random_state=0)
print(Ridge().fit(X_train, y_train).score(X_test, y_test))
