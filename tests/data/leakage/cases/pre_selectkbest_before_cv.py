# %%
genes = pd.read_csv("genes.csv")
X, y = genes.drop(columns="tumour"), genes["tumour"]
X_sel = SelectKBest(f_classif, k=30).fit_transform(X, y)
print(cross_val_score(LogisticRegression(), X_sel, y, cv=StratifiedKFold(5)).mean())
