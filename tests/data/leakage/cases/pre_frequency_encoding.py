# %%
ads = pd.read_csv("ads.csv")
ads["site_freq"] = ads["site"].map(ads["site"].value_counts())
X_train, X_test, y_train, y_test = train_test_split(ads[["site_freq", "hour"]], ads["click"], random_state=0)
print(roc_auc_score(y_test, LogisticRegression().fit(X_train, y_train).predict_proba(X_test)[:, 1]))
