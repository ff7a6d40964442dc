# %%
df = pd.read_csv("iris.csv")
X_rest, X_test, y_rest, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, random_state=0)
scores = {}
for k in range(1, 20):
    scores[k] = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train).score(X_val, y_val)
best_k = max(scores, key=scores.get)
final = KNeighborsClassifier(n_neighbors=best_k).fit(X_rest, y_rest)
print(final.score(X_test, y_test))
