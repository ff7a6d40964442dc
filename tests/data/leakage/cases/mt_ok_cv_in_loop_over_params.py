# %%
df = pd.read_csv("iris.csv")
X, y = df.drop(columns="species"), df["species"]
for k in [1, 5, 9]:
    print(k, cross_val_score(KNeighborsClassifier(n_neighbors=k), X, y, cv=5).mean())
