# %%
titanic = pd.read_csv("titanic.csv")
X_train, X_test, y_train, y_test = train_test_split(titanic[["Age", "Fare"]], titanic["Survived"], random_state=0)
# %%
age_mean = X_train["Age"].mean()
X_train["Age"] = X_train["Age"].fillna(age_mean)
X_test["Age"] = X_test["Age"].fillna(age_mean)
clf = LogisticRegression().fit(X_train, y_train)
print(accuracy_score(y_test, clf.predict(X_test)))
