# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
print(f"train {tree.score(X_train, y_train):.3f}  test {tree.score(X_test, y_test):.3f}")
