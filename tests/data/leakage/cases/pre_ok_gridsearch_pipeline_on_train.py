# %%
df = pd.read_csv("heart.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="target"), df["target"], random_state=0)
pipe = make_pipeline(StandardScaler(), PCA(n_components=5), KNeighborsClassifier())
grid = GridSearchCV(pipe, {"kneighborsclassifier__n_neighbors": [3, 5, 7]}, cv=5)
grid.fit(X_train, y_train)
print(grid.best_score_, grid.score(X_test, y_test))
