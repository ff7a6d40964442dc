# %%
tx = pd.read_csv("transactions.csv")
tx["amount_z"] = (tx["amount"] - tx["amount"].mean()) / tx["amount"].std()
tx["amount_rank"] = tx["amount"] / tx["amount"].max()
feats = ["amount_z", "amount_rank", "hour"]
# %%
X_train, X_test, y_train, y_test = train_test_split(tx[feats], tx["fraud"], stratify=tx["fraud"], random_state=0)
gb = GradientBoostingClassifier(random_state=0).fit(X_train, y_train)
print(roc_auc_score(y_test, gb.predict_proba(X_test)[:, 1]))
