# %%
df = pd.read_csv("heart.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="target"), df["target"], random_state=0)
models = {"lr": LogisticRegression(), "rf": RandomForestClassifier(random_state=0)}
cv_means = {name: cross_val_score(m, X_train, y_train, cv=5).mean() for name, m in models.items()}
best = models[max(cv_means, key=cv_means.get)].fit(X_train, y_train)
print("test", best.score(X_test, y_test))
