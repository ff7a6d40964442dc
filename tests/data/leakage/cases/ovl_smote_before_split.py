# %%
df = pd.read_csv("creditcard.csv")
X, y = df.drop(columns="Class"), df["Class"]
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, random_state=0)
print(roc_auc_score(y_test, RandomForestClassifier(random_state=0).fit(X_train, y_train).predict_proba(X_test)[:, 1]))
