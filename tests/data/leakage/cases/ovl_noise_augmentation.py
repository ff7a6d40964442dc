# %%
X = np.load("signals.npy")
y = np.load("labels.npy")
noisy = X + np.random.default_rng(0).normal(0, 0.01, X.shape)
X_aug = np.concatenate([X, noisy])
y_aug = np.concatenate([y, y])
# %%
X_train, X_test, y_train, y_test = train_test_split(X_aug, y_aug, random_state=0)
print(RandomForestClassifier(random_state=0).fit(X_train, y_train).score(X_test, y_test))
