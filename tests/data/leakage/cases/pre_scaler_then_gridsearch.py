# %%
df = pd.read_csv("heart.csv")
X = MinMaxScaler().fit_transform(df.drop(columns="target"))
grid = GridSearchCV(KNeighborsClassifier(), {"n_neighbors": [3, 5, 7, 9]}, cv=5)
grid.fit(X, df["target"])
print(grid.best_score_)
