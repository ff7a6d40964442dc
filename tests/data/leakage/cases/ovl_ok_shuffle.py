# %%
df = pd.read_csv("data.csv").sample(frac=1, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(df[["a", "b"]], df["y"], random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
