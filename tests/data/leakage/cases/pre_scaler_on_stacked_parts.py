# %%
X = np.load("X.npy")
y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scaler = StandardScaler().fit(np.vstack([X_train, X_test]))
X_train_s = scaler.transform(X_train)
X_test_s = scaler.transform(X_test)
print(LogisticRegression().fit(X_train_s, y_train).score(X_test_s, y_test))
