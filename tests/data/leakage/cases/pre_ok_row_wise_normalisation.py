# %%
counts = pd.read_csv("word_counts.csv")
X = counts.drop(columns="label")
X = X.div(X.sum(axis=1), axis=0)
X = X.sub(X.mean(axis=1), axis=0)
X_train, X_test, y_train, y_test = train_test_split(X, counts["label"], random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
