# %%
df = pd.read_csv("heart.csv")
X, y = df.drop(columns="target"), df["target"]
pipe = make_pipeline(StandardScaler(), LogisticRegression())
search = GridSearchCV(pipe, {"logisticregression__C": [0.1, 1, 10]}, cv=5).fit(X, y)
print(search.best_score_)
