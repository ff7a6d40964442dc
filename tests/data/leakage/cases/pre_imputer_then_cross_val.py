# %%
df = pd.read_csv("pima.csv")
X = SimpleImputer(strategy="median").fit_transform(df.drop(columns="Outcome"))
scores = cross_val_score(LogisticRegression(), X, df["Outcome"], cv=5)
print(scores.mean())
