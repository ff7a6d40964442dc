# %%
X = np.load("X.npy")
y = np.load("y.npy")
X_rep = np.repeat(X, 4, axis=0)
y_rep = np.repeat(y, 4)
X_train, X_test, y_train, y_test = train_test_split(X_rep, y_rep, random_state=0)
print(RandomForestClassifier(random_state=0).fit(X_train, y_train).score(X_test, y_test))
