# %%
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
combined = pd.concat([train.drop(columns="y"), test])
combined[["a", "b"]] = (combined[["a", "b"]] - combined[["a", "b"]].mean()) / combined[["a", "b"]].std()
# %%
X = combined.iloc[: len(train)]
X_test = combined.iloc[len(train) :]
model = LogisticRegression().fit(X, train["y"])
preds = model.predict(X_test)
