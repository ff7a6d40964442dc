# %%
df = pd.read_csv("energy.csv")
X = df[["temp", "humidity", "wind"]]
mu = X.mean()
sigma = X.std()
# %%
X_std = (X - mu) / sigma
X_train, X_test, y_train, y_test = train_test_split(X_std, df["load"], random_state=0)
print(Ridge().fit(X_train, y_train).score(X_test, y_test))
