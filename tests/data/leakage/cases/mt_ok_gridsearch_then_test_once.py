# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
grid = GridSearchCV(KNeighborsClassifier(), {"n_neighbors": range(1, 31)}, cv=5).fit(X_train, y_train)
print(grid.best_params_, grid.score(X_test, y_test))
