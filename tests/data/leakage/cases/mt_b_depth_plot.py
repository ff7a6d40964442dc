# %%
df = pd.read_csv("cars.csv")
X_train, X_test, y_train, y_test = train_test_split(df[["hp", "weight"]], df["origin"], random_state=0)
train_acc, test_acc = [], []
depths = range(1, 20)
for d in depths:
    t = DecisionTreeClassifier(max_depth=d, random_state=0)
    t.fit(X_train, y_train)
    train_acc.append(t.score(X_train, y_train))
    test_acc.append(t.score(X_test, y_test))
best_depth = depths[int(np.argmax(test_acc))]
