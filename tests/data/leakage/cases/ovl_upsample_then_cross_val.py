# %%
df = pd.read_csv("rare.csv")
up = resample(df[df.label == 1], n_samples=1000, random_state=0)
full = pd.concat([df[df.label == 0], up])
print(cross_val_score(RandomForestClassifier(random_state=0), full[["a", "b"]], full["label"], cv=5).mean())
