# %%
df = pd.read_csv("madelon.csv")
X, y = df.drop(columns="label"), df["label"]
selector = SelectKBest(f_classif, k=20)
selector.fit(X, y)
X_best = X.loc[:, selector.get_support()]
print(cross_val_score(RandomForestClassifier(random_state=0), X_best, y, cv=5).mean())
