# %%
train = pd.read_csv("train.csv")
dev = pd.read_csv("dev.csv")
for c in [0.1, 1, 10]:
    clf = LogisticRegression(C=c).fit(train[["a", "b"]], train["y"])
    print(c, clf.score(dev[["a", "b"]], dev["y"]))
