# %%
images = np.load("images.npy")
labels = np.load("labels.npy")
X_train, X_test, y_train, y_test = train_test_split(images, labels, random_state=0)
X_train = np.concatenate([X_train, np.flip(X_train, axis=2)])
y_train = np.concatenate([y_train, y_train])
clf = LogisticRegression(max_iter=200).fit(X_train.reshape(len(X_train), -1), y_train)
print(clf.score(X_test.reshape(len(X_test), -1), y_test))
