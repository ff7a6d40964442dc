# %%
survey = pd.read_csv("survey.csv")
expanded = survey.loc[survey.index.repeat(survey["weight"])]
X_train, X_test, y_train, y_test = train_test_split(expanded[["age", "income"]], expanded["vote"], random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
