# %%
df = pd.read_csv("creditcard.csv")
X_os, y_os = RandomOverSampler(random_state=0).fit_resample(df.drop(columns="Class"), df["Class"])
print(cross_val_score(LogisticRegression(), X_os, y_os, cv=5, scoring="f1").mean())
