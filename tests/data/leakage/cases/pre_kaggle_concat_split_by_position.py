# %%
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
ntrain = len(train)
full = pd.concat([train, test], ignore_index=True)
full["Age"] = full["Age"].fillna(full["Age"].median())
full["Fare"] = (full["Fare"] - full["Fare"].mean()) / full["Fare"].std()
# %%
train = full[:ntrain]
test = full[ntrain:]
model = LogisticRegression().fit(train[["Age", "Fare"]], train["Survived"])
