# %%
df = pd.read_csv("pima.csv")
X, y = df.drop(columns="Outcome"), df["Outcome"]
pipe = make_pipeline(SimpleImputer(), StandardScaler(), LogisticRegression())
print(cross_val_score(pipe, X, y, cv=5).mean())
