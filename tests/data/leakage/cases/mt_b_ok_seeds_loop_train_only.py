# %%
df = pd.read_csv("bank.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
forests = [RandomForestClassifier(random_state=s).fit(X_train, y_train) for s in range(5)]
proba = np.mean([f.predict_proba(X_test)[:, 1] for f in forests], axis=0)
print(roc_auc_score(y_test, proba))
