# %%
df = pd.read_csv("small.csv")
boot = df.sample(n=5000, replace=True, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(boot.drop(columns="y"), boot["y"], random_state=0)
print(DecisionTreeClassifier(random_state=0).fit(X_train, y_train).score(X_test, y_test))
