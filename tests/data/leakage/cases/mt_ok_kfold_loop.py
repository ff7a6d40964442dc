# %%
df = pd.read_csv("iris.csv")
X, y = df.drop(columns="species"), df["species"]
fold_scores = []
for tr, va in KFold(5, shuffle=True, random_state=0).split(X):
    m = LogisticRegression().fit(X.iloc[tr], y.iloc[tr])
    fold_scores.append(accuracy_score(y.iloc[va], m.predict(X.iloc[va])))
print(np.mean(fold_scores))
