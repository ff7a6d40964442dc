# %%
y2019 = pd.read_csv("2019.csv")
y2020 = pd.read_csv("2020.csv")
df = pd.concat([y2019, y2020], ignore_index=True)
X_train, X_test, y_train, y_test = train_test_split(df[["a", "b"]], df["y"], random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
