# %%
df = pd.read_csv("fraud.csv")
train, test = train_test_split(df, stratify=df["is_fraud"], random_state=0)
minority_up = resample(train[train["is_fraud"] == 1], replace=True, n_samples=2000, random_state=0)
train_bal = pd.concat([train[train["is_fraud"] == 0], minority_up])
model = RandomForestClassifier(random_state=0).fit(train_bal.drop(columns="is_fraud"), train_bal["is_fraud"])
print(f1_score(test["is_fraud"], model.predict(test.drop(columns="is_fraud"))))
