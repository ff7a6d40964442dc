# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop("species", axis=1), df.species, test_size=0.4, random_state=4)
k_range = range(1, 26)
scores = {}
for k in k_range:
    knn = KNeighborsClassifier(n_neighbors=k)
    knn.fit(X_train, y_train)
    y_pred = knn.predict(X_test)
    scores[k] = accuracy_score(y_test, y_pred)
# %%
best_k = max(scores, key=scores.get)
print(f"Best k = {best_k} with test accuracy {scores[best_k]:.2f}")
