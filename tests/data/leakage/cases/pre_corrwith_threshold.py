# %%
df = pd.read_csv("genes.csv")
X, y = df.drop(columns="response"), df["response"]
scores = X.corrwith(y).abs()
keep = scores[scores > 0.3].index
X_train, X_test, y_train, y_test = train_test_split(X[keep], y, random_state=0)
print(Ridge().fit(X_train, y_train).score(X_test, y_test))
