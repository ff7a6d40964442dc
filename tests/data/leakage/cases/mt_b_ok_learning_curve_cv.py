# %%
df = pd.read_csv("cars.csv")
X, y = df[["hp", "weight"]], df["origin"]
for d in range(1, 10):
    s = cross_val_score(DecisionTreeClassifier(max_depth=d, random_state=0), X, y, cv=5)
    print(d, s.mean())
