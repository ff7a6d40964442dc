# %%
X = np.load("X.npy")
y = np.load("y.npy")
for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y):
    X_res, y_res = SMOTE(random_state=0).fit_resample(X[tr], y[tr])
    m = LogisticRegression().fit(X_res, y_res)
    print(f1_score(y[te], m.predict(X[te])))
