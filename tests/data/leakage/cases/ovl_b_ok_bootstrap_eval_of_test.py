# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
m = LogisticRegression().fit(X_train, y_train)
test = X_test.assign(y=y_test)
boot = [m.score(b.drop(columns="y"), b["y"]) for b in (test.sample(frac=1, replace=True, random_state=i) for i in range(100))]
print(np.percentile(boot, [2.5, 97.5]))
