# %%
df = pd.read_csv("heart.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="target"), df["target"], random_state=0)
models = {"lr": LogisticRegression(), "rf": RandomForestClassifier(random_state=0), "knn": KNeighborsClassifier()}
results = {}
for name, model in models.items():
    model.fit(X_train, y_train)
    results[name] = f1_score(y_test, model.predict(X_test))
best = max(results, key=results.get)
print(best, results[best])
