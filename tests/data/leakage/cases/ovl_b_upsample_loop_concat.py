# %%
df = pd.read_csv("reviews.csv")
n_max = df["rating"].value_counts().max()
parts = []
for rating, group in df.groupby("rating"):
    parts.append(resample(group, replace=True, n_samples=n_max, random_state=0))
balanced = pd.concat(parts)
# %%
X_train, X_test, y_train, y_test = train_test_split(balanced[["len", "exclaims"]], balanced["rating"], random_state=0)
print(RandomForestClassifier(random_state=0).fit(X_train, y_train).score(X_test, y_test))
