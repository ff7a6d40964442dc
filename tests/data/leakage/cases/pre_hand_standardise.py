# %%
wine = pd.read_csv("wine.csv")
X = wine.drop("quality", axis=1)
y = wine["quality"]
X = (X - X.mean()) / X.std()
# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
knn = KNeighborsClassifier(n_neighbors=7).fit(X_train, y_train)
print(knn.score(X_test, y_test))
