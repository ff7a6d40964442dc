# %%
images = np.load("images.npy")
labels = np.load("labels.npy")
images = np.vstack([images, np.flip(images, axis=2)])
labels = np.concatenate([labels, labels])
X_train, X_test, y_train, y_test = train_test_split(images.reshape(len(images), -1), labels, random_state=0)
print(LogisticRegression(max_iter=200).fit(X_train, y_train).score(X_test, y_test))
