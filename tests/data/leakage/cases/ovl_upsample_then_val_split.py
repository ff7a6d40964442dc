# %%
df = pd.read_csv("train.csv")
pos = df[df["target"] == 1]
df_up = pd.concat([df, resample(pos, n_samples=2 * len(pos), random_state=0)])
# %%
tr = df_up.sample(frac=0.8, random_state=0)
val = df_up.drop(tr.index)
model = LogisticRegression().fit(tr[["f1", "f2"]], tr["target"])
print(model.score(val[["f1", "f2"]], val["target"]))
