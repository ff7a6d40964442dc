# %%
data = pd.read_csv("diabetes.csv")
X = data.drop(columns="Outcome")
X_norm = (X - X.min()) / (X.max() - X.min())
# %%
X_train, X_test, y_train, y_test = train_test_split(X_norm, data["Outcome"], random_state=3)
clf = KNeighborsClassifier().fit(X_train, y_train)
print(accuracy_score(y_test, clf.predict(X_test)))
