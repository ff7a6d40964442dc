# %%
df = pd.read_csv("wine.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="quality"), df["quality"], random_state=0)
accs = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_train, y_train).score(X_test, y_test) for d in range(1, 15)]
print(max(accs))
