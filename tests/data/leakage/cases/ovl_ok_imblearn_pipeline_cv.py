# %%
df = pd.read_csv("creditcard.csv")
pipe = make_imb_pipeline(SMOTE(random_state=0), LogisticRegression())
print(cross_val_score(pipe, df.drop(columns="Class"), df["Class"], cv=5, scoring="f1").mean())
