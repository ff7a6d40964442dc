# %%
df = pd.read_csv("spectra.csv")
X = PCA(n_components=20).fit_transform(df.drop(columns="label"))
search = RandomizedSearchCV(RandomForestClassifier(random_state=0), {"max_depth": [3, 5, 8, None]}, n_iter=4, cv=3, random_state=0)
search.fit(X, df["label"])
print(search.best_score_)
