# %%
df = pd.read_csv("bank.csv")
train, test = train_test_split(df, test_size=0.2, random_state=0)
train, valid = train_test_split(train, test_size=0.25, random_state=0)
best_c, best = None, 0
for c in [0.01, 0.1, 1, 10]:
    m = LogisticRegression(C=c).fit(train.drop(columns="y"), train["y"])
    s = m.score(valid.drop(columns="y"), valid["y"])
    if s > best:
        best_c, best = c, s
final = LogisticRegression(C=best_c).fit(train.drop(columns="y"), train["y"])
print(final.score(test.drop(columns="y"), test["y"]))
