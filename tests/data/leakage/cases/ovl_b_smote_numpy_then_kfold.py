# %%
X = np.load("X.npy")
y = np.load("y.npy")
sm = SMOTE(random_state=2)
X_s, y_s = sm.fit_resample(X, y)
# %%
kf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for tr, te in kf.split(X_s, y_s):
    m = LogisticRegression().fit(X_s[tr], y_s[tr])
    print(f1_score(y_s[te], m.predict(X_s[te])))
