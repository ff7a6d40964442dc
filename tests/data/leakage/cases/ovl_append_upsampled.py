# %%
df = pd.read_csv("churn.csv")
extra = df[df["churned"] == 1].sample(800, replace=True, random_state=0)
df = df.append(extra)
X_train, X_test, y_train, y_test = train_test_split(df[["tenure", "spend"]], df["churned"], random_state=0)
print(f1_score(y_test, LogisticRegression().fit(X_train, y_train).predict(X_test)))
