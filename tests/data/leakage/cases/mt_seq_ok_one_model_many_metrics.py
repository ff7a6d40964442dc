# %%
df = pd.read_csv("churn.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="churned"), df["churned"], random_state=0)
rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
pred = rf.predict(X_test)
print(accuracy_score(y_test, pred), f1_score(y_test, pred))
print(roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1]))
