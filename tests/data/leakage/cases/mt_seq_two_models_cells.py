# %%
df = pd.read_csv("churn.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="churned"), df["churned"], random_state=0)
# %%
lr = LogisticRegression().fit(X_train, y_train)
print("logistic regression:", accuracy_score(y_test, lr.predict(X_test)))
# %%
rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print("random forest:", accuracy_score(y_test, rf.predict(X_test)))
