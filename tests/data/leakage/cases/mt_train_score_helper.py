# %%
def report(model, X, y):
    print("accuracy", accuracy_score(y, model.predict(X)))
# %%
df = pd.read_csv("iris.csv")
X, y = df.drop(columns="species"), df["species"]
rf = RandomForestClassifier(random_state=0).fit(X, y)
report(rf, X, y)
