# %%
mnist = np.load("mnist.npz")
X = mnist["x"].reshape(len(mnist["x"]), -1) / 255.0
X_train, X_test, y_train, y_test = train_test_split(X, mnist["y"], random_state=0)
print(LogisticRegression(max_iter=200).fit(X_train, y_train).score(X_test, y_test))
