# %%
faces = np.load("faces.npz")
X_pca = PCA(n_components=50).fit_transform(faces["images"])
X_train, X_test, y_train, y_test = train_test_split(X_pca, faces["target"], random_state=0)
print(LogisticRegression(max_iter=1000).fit(X_train, y_train).score(X_test, y_test))
