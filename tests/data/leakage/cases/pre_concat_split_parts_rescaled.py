# %%
X = pd.read_csv("X.csv")
y = pd.read_csv("y.csv")["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
# %%
both = pd.concat([X_train, X_test])
both = (both - both.min()) / (both.max() - both.min())
X_train = both.iloc[: len(X_train)]
X_test = both.iloc[len(X_train) :]
# %%
print(KNeighborsClassifier().fit(X_train, y_train).score(X_test, y_test))
