# %%
titanic = pd.read_csv("titanic.csv")
titanic["Age"] = titanic["Age"].fillna(titanic["Age"].mean())
# %%
X = titanic[["Pclass", "Age", "Fare"]]
y = titanic["Survived"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
clf = LogisticRegression().fit(X_train, y_train)
print(accuracy_score(y_test, clf.predict(X_test)))
