# %%
digits = np.load("digits.npz")
X = preprocessing.scale(digits["data"])
y = digits["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(LogisticRegression(max_iter=500).fit(X_train, y_train).score(X_test, y_test))
