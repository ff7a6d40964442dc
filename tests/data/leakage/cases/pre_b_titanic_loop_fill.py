# %%
titanic = pd.read_csv("titanic.csv")
for col in ["Age", "Fare"]:
    titanic[col] = titanic[col].fillna(titanic[col].median())
titanic["Embarked"] = titanic["Embarked"].fillna(titanic["Embarked"].mode()[0])
# %%
X = titanic[["Age", "Fare", "Pclass"]]
y = titanic.Survived
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)
logreg = LogisticRegression()
logreg.fit(X_train, y_train)
print("Accuracy:", logreg.score(X_test, y_test))
