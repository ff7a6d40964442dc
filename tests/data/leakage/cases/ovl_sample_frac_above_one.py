# %%
df = pd.read_csv("small.csv")
df = df.sample(frac=3, replace=True, random_state=1)
X_train, X_test, y_train, y_test = train_test_split(df[["a", "b"]], df["y"], random_state=0)
print(KNeighborsClassifier().fit(X_train, y_train).score(X_test, y_test))
