# %%
genes = pd.read_csv("genes.csv")
X, y = genes.drop(columns="tumour"), genes["tumour"]
X_sel = SelectKBest(f_classif, k=30).fit_transform(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_sel, y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
