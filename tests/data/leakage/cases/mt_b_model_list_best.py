# %%
df = pd.read_csv("bank.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
candidates = [LogisticRegression(), DecisionTreeClassifier(random_state=0), RandomForestClassifier(random_state=0)]
best_model, best_f1 = None, -1
for model in candidates:
    model.fit(X_train, y_train)
    f1 = f1_score(y_test, model.predict(X_test))
    if f1 > best_f1:
        best_model, best_f1 = model, f1
print(type(best_model).__name__, best_f1)
