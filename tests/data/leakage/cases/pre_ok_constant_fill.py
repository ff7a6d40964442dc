# %%
df = pd.read_csv("loans.csv")
df["income"] = df["income"].fillna(0)
df["grade"] = df["grade"].fillna("missing")
X_train, X_test, y_train, y_test = train_test_split(df[["income"]], df["default"], random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
