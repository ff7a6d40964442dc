# %%
df = pd.read_csv("tiny.csv")
df_big = pd.concat([df] * 5, ignore_index=True)
X_train, X_test, y_train, y_test = train_test_split(df_big[["x1", "x2"]], df_big["y"], random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
