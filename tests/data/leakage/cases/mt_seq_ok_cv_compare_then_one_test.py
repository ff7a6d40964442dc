# %%
df = pd.read_csv("churn.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="churned"), df["churned"], random_state=0)
lr_cv = cross_val_score(LogisticRegression(), X_train, y_train, cv=5).mean()
rf_cv = cross_val_score(RandomForestClassifier(random_state=0), X_train, y_train, cv=5).mean()
chosen = RandomForestClassifier(random_state=0) if rf_cv > lr_cv else LogisticRegression()
chosen.fit(X_train, y_train)
print("test", chosen.score(X_test, y_test))
