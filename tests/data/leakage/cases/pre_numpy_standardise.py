# %%
arr = np.loadtxt("features.csv", delimiter=",")
X, y = arr[:, :-1], arr[:, -1]
X = (X - X.mean(axis=0)) / X.std(axis=0)
# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
