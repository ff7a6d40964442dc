# %%
df = pd.read_csv("creditcard.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="Class"), df["Class"], stratify=df["Class"], random_state=0)
X_sm, y_sm = SMOTE(random_state=0).fit_resample(X_train, y_train)
clf = RandomForestClassifier(random_state=0).fit(X_sm, y_sm)
print(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
